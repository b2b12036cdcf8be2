/** Sign-in, sessions, permissions and password rules. */
const zh = {
  signInFirst: "请先登录",
  forbidden: "没有权限执行此操作",
  badCredentials: "邮箱或密码不正确",
  inactive: "账号已停用，请联系管理员",
  unavailable: "登录暂时不可用，请稍后再试",
  lockedOut: "登录失败次数过多，请 {minutes} 分钟后再试",
  passwordLabel: "密码",
  passwordTooShort: "密码至少 {min} 位",
  passwordTooLong: "密码最多 {max} 位",
  passwordMix: "密码需同时包含字母和数字",
};

const en: Record<keyof typeof zh, string> = {
  signInFirst: "Please sign in",
  forbidden: "You are not allowed to do this",
  badCredentials: "Wrong email or password",
  inactive: "This account is deactivated; contact an administrator",
  unavailable: "Signing in is not possible right now; please try again later",
  lockedOut: "Too many failed sign-ins; try again in {minutes} minute(s)",
  passwordLabel: "Password",
  passwordTooShort: "The password needs at least {min} characters",
  passwordTooLong: "The password may have at most {max} characters",
  passwordMix: "The password needs both letters and digits",
};

export const auth = { zh, en };

const zh = {
  title: "登录",
  subtitle: "使用管理员为你创建的账号登录",
  email: "邮箱",
  password: "密码",
  submit: "登录",
  submitting: "正在登录…",
  missing: "请填写邮箱和密码",
  failed: "登录失败",
};

export type AuthDict = typeof zh;

const en: AuthDict = {
  title: "Sign in",
  subtitle: "Use the account your administrator created for you",
  email: "Email",
  password: "Password",
  submit: "Sign in",
  submitting: "Signing in…",
  missing: "Enter your email and password",
  failed: "Sign-in failed",
};

export const auth = { zh, en };

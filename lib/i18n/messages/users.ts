/** User administration. */
const zh = {
  emailLabel: "邮箱",
  emailInvalid: "请输入有效的邮箱",
  emailTaken: "该邮箱已被使用",
  nameRequired: "请填写姓名",
  nameTooLong: "姓名最多 {maximum} 个字符",
  roleRequired: "请选择角色",
  passwordRequired: "请填写初始密码",
  selfDemote: "不能降低自己的角色或停用自己的账号",
  notFound: "用户不存在",
  changedMeanwhile: "该用户刚被其他人修改，请刷新后重试",
  teamNameRequired: "请填写团队名称",
  teamNameTooLong: "团队名称最多 50 个字符",
  teamNameTaken: "已有同名团队",
  teamNotFound: "团队不存在",
  teamChangedMeanwhile: "该团队刚被其他人修改，请刷新后重试",
};

const en: Record<keyof typeof zh, string> = {
  emailLabel: "Email",
  emailInvalid: "Enter a valid email address",
  emailTaken: "This email is already in use",
  nameRequired: "Enter a name",
  nameTooLong: "The name may have at most {maximum} characters",
  roleRequired: "Choose a role",
  passwordRequired: "Enter an initial password",
  selfDemote: "You cannot lower your own role or deactivate your own account",
  notFound: "The user does not exist",
  changedMeanwhile: "Someone else just changed this user; reload and try again",
  teamNameRequired: "Enter a team name",
  teamNameTooLong: "A team name may have at most 50 characters",
  teamNameTaken: "A team with this name already exists",
  teamNotFound: "The team does not exist",
  teamChangedMeanwhile: "Someone else just changed this team; reload and try again",
};

export const users = { zh, en };

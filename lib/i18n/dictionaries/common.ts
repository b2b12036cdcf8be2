const zh = {
  appName: "Dossier 档案",
  appTagline: "以 JSON Schema 驱动的档案管理平台",
  /** Between the items of a list in running text. */
  listSeparator: "、",
  /** Between a label and what follows it: "保单号：P-1". */
  colon: "：",
  roles: { admin: "管理员", agent: "业务员", reviewer: "审核员", viewer: "只读用户" },
  nav: { templates: "档案", admin: "管理", templatesAdmin: "模板管理", users: "用户管理", recycleBin: "回收站", skipToMain: "跳到主要内容" },
  actions: {
    save: "保存",
    cancel: "取消",
    confirm: "确定",
    close: "关闭",
    edit: "编辑",
    delete: "删除",
    restore: "恢复",
    back: "返回",
    retry: "重试",
    signOut: "退出登录",
    create: "新建",
    reveal: "查看完整信息",
    hide: "隐藏",
    loading: "加载中…",
    saving: "保存中…",
  },
  language: { label: "语言", zh: "中文", en: "English" },
  errors: {
    generic: "出错了，请稍后再试",
    network: "网络连接失败，请检查网络后重试",
    notFound: "页面不存在",
    forbidden: "没有权限访问此页面",
  },
  yes: "是",
  no: "否",
  empty: "—",
  masked: "已遮蔽",
};

export type CommonDict = typeof zh;

const en: CommonDict = {
  appName: "Dossier",
  appTagline: "Records platform driven by JSON Schema",
  roles: { admin: "Administrator", agent: "Agent", reviewer: "Reviewer", viewer: "Viewer" },
  nav: { templates: "Records", admin: "Administration", templatesAdmin: "Templates", users: "Users", recycleBin: "Recycle bin", skipToMain: "Skip to main content" },
  actions: {
    save: "Save",
    cancel: "Cancel",
    confirm: "OK",
    close: "Close",
    edit: "Edit",
    delete: "Delete",
    restore: "Restore",
    back: "Back",
    retry: "Retry",
    signOut: "Sign out",
    create: "New",
    reveal: "Show in full",
    hide: "Hide",
    loading: "Loading…",
    saving: "Saving…",
  },
  listSeparator: ", ",
  colon: ": ",
  language: { label: "Language", zh: "中文", en: "English" },
  errors: {
    generic: "Something went wrong; please try again",
    network: "Network error; check your connection and try again",
    notFound: "Page not found",
    forbidden: "You do not have access to this page",
  },
  yes: "Yes",
  no: "No",
  empty: "—",
  masked: "Masked",
};

export const common = { zh, en };

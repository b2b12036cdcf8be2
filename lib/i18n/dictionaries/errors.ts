const zh = {
  notFound: {
    title: "页面不存在",
    description: "你要找的页面不存在，可能是链接有误或内容已被移走。",
    home: "返回首页",
  },
  error: {
    title: "页面出错了",
    description: "加载这个页面时出了问题。你可以重试；如果问题一直存在，请把下面的编号告诉管理员。",
    code: "错误编号",
    retry: "重试",
    home: "返回首页",
  },
  unavailable: {
    title: "数据库暂时不可用",
    description: "数据库正在重启或暂时连不上。已保存的内容不会丢失；页面会在数据库恢复后自动重新加载。",
    retrying: "正在等待数据库恢复…",
    retry: "立即重试",
  },
};

export type ErrorsDict = typeof zh;

const en: ErrorsDict = {
  notFound: {
    title: "Page not found",
    description: "The page you are looking for does not exist; the link may be wrong or the content moved.",
    home: "Go to the home page",
  },
  error: {
    title: "Something went wrong",
    description: "This page failed to load. Try again; if it keeps happening, give the code below to an administrator.",
    code: "Error code",
    retry: "Try again",
    home: "Go to the home page",
  },
  unavailable: {
    title: "The database is unavailable for the moment",
    description: "The database is restarting or cannot be reached. Nothing saved is lost; this page reloads by itself once the database is back.",
    retrying: "Waiting for the database to come back…",
    retry: "Try now",
  },
};

export const errors = { zh, en };

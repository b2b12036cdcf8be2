/**
 * Everyday Chinese sample data for synthetic records: names, addresses, area codes. General
 * knowledge about people and places in China, nothing about any template's subject.
 */

/** The most common surnames, the first ones weighted by appearing twice. */
export const SURNAMES = [
  "王", "李", "张", "刘", "陈", "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
  "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董",
  "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟",
  "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛",
  "欧阳", "司马", "诸葛", "上官",
];

/** Characters common in given names, by the gender they are usually given to. */
export const GIVEN = {
  男: "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘",
  女: "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽",
} as const;

/** Real districts with their resident-ID region codes and a few of their streets. */
export const PLACES = [
  { region: "110101", area: "北京市东城区", streets: ["东直门南大街", "朝阳门北大街", "和平里东街"] },
  { region: "110105", area: "北京市朝阳区", streets: ["建国路", "朝阳北路", "望京街", "酒仙桥路"] },
  { region: "110108", area: "北京市海淀区", streets: ["中关村大街", "学院路", "西三环北路"] },
  { region: "310104", area: "上海市徐汇区", streets: ["漕溪北路", "肇嘉浜路", "虹桥路"] },
  { region: "310115", area: "上海市浦东新区", streets: ["世纪大道", "张杨路", "陆家嘴环路", "杨高中路"] },
  { region: "440106", area: "广东省广州市天河区", streets: ["天河路", "体育西路", "黄埔大道"] },
  { region: "440305", area: "广东省深圳市南山区", streets: ["深南大道", "科技园路", "南海大道"] },
  { region: "440304", area: "广东省深圳市福田区", streets: ["福华路", "红荔路", "彩田路"] },
  { region: "330106", area: "浙江省杭州市西湖区", streets: ["文三路", "天目山路", "古墩路"] },
  { region: "320106", area: "江苏省南京市鼓楼区", streets: ["中山北路", "汉中路", "湖南路"] },
  { region: "510107", area: "四川省成都市武侯区", streets: ["人民南路", "科华北路", "武侯祠大街"] },
  { region: "420103", area: "湖北省武汉市江汉区", streets: ["解放大道", "建设大道", "新华路"] },
  { region: "120101", area: "天津市和平区", streets: ["南京路", "营口道", "滨江道"] },
  { region: "500103", area: "重庆市渝中区", streets: ["解放碑步行街", "中山三路", "民族路"] },
  { region: "370102", area: "山东省济南市历下区", streets: ["泉城路", "经十路", "解放路"] },
  { region: "610113", area: "陕西省西安市雁塔区", streets: ["小寨东路", "雁塔路", "长安南路"] },
] as const;

/** Mobile number prefixes in use in mainland China. */
export const MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157", "158", "159", "166", "176", "177", "178", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199"];

/** Landline area codes with the length of local numbers there. */
export const AREA_CODES = [
  { code: "010", digits: 8 },
  { code: "021", digits: 8 },
  { code: "020", digits: 8 },
  { code: "0755", digits: 8 },
  { code: "0571", digits: 8 },
  { code: "025", digits: 8 },
  { code: "028", digits: 8 },
  { code: "0531", digits: 7 },
];

/** Latin syllables for the local part of email addresses. */
export const EMAIL_SYLLABLES = ["wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "lin", "wei", "fang", "jie", "hui", "ming", "hong", "xiao", "yan", "jun", "ping"];

/** Reserved example domains (RFC 2606), so no generated address can reach a real person. */
export const EMAIL_DOMAINS = ["example.com", "example.cn", "example.net", "mail.example.org"];

/** Neutral short notes for free-text fields that have no demo hint. */
export const NOTES = ["资料已核对", "待补充材料", "已电话确认", "客户已签字确认", "无特殊要求", "下次联系时再确认", "已发送电子版"];

/**
 * The first two batches of 1+X certificates (national pilot, 2019) and the bodies that issue
 * them, from ../shared/data/one-plus-x-batches-1-2.tsv, with short codes of our own. Kept in
 * code rather than read at start, so the seed needs no file beside the build.
 */
export interface DemoBody {
  code: string;
  name: string;
}

export interface DemoCertificate {
  batch: number;
  seq: number;
  bodyCode: string;
  code: string;
  name: string;
}

export const DEMO_BODIES: DemoBody[] = [
  { code: 'LFZK', name: '廊坊市中科建筑产业化创新研究中心（中国建设教育协会人才评价中心）' },
  { code: 'MIIT-CEEC', name: '工业和信息化部教育与考试中心' },
  { code: 'CFLP-TC', name: '北京中物联物流采购培训中心' },
  { code: 'ZFZZ', name: '中国社会福利与养老服务协会北京中福长者文化科技有限公司' },
  { code: 'ZCX', name: '北京中车行高新技术有限公司' },
  { code: 'BDQC', name: '北京博导前程信息技术股份有限公司' },
  { code: 'HKJW', name: '北京鸿科经纬科技有限公司' },
  { code: 'XASD', name: '北京新奥时代科技有限责任公司' },
  { code: 'SYD', name: '北京赛育达科教有限责任公司' },
  { code: 'ZCJK', name: '中船舰客教育科技（北京）有限公司' },
  { code: 'ZLJY', name: '中联集团教育科技有限公司' },
  { code: 'YGDJ', name: '济南阳光大姐服务有限责任公司' },
  { code: 'XDL', name: '北京新大陆时代教育科技有限公司' },
  { code: 'ZMFZ', name: '北京中民福祉教育科技有限责任公司' },
  { code: 'NJ55', name: '南京第五十五所技术开发有限公司' },
];

export const DEMO_CERTIFICATES: DemoCertificate[] = [
  {
    batch: 1,
    seq: 1,
    bodyCode: 'LFZK',
    code: 'X-BIM',
    name: '建筑信息模型（BIM）职业技能等级证书',
  },
  {
    batch: 1,
    seq: 2,
    bodyCode: 'MIIT-CEEC',
    code: 'X-WEB-FE',
    name: 'Web前端开发职业技能等级证书',
  },
  { batch: 1, seq: 3, bodyCode: 'CFLP-TC', code: 'X-LOGISTICS', name: '物流管理职业技能等级证书' },
  { batch: 1, seq: 4, bodyCode: 'ZFZZ', code: 'X-ELDER-CARE', name: '老年照护职业技能等级证书' },
  {
    batch: 1,
    seq: 5,
    bodyCode: 'ZCX',
    code: 'X-AUTO-MAINT',
    name: '汽车运用与维修职业技能等级证书',
  },
  { batch: 1, seq: 6, bodyCode: 'ZCX', code: 'X-NEV', name: '智能新能源汽车职业技能等级证书' },
  {
    batch: 2,
    seq: 1,
    bodyCode: 'BDQC',
    code: 'X-ECOM-DATA',
    name: '电子商务数据分析职业技能等级证书',
  },
  { batch: 2, seq: 2, bodyCode: 'HKJW', code: 'X-ESHOP-OPS', name: '网店运营推广职业技能等级证书' },
  {
    batch: 2,
    seq: 3,
    bodyCode: 'XASD',
    code: 'X-ROBOT-OPS',
    name: '工业机器人操作与运维职业技能等级证书',
  },
  {
    batch: 2,
    seq: 4,
    bodyCode: 'SYD',
    code: 'X-ROBOT-PROG',
    name: '工业机器人应用编程职业技能等级证书',
  },
  { batch: 2, seq: 5, bodyCode: 'ZCJK', code: 'X-WELDING', name: '特殊焊接技术职业技能等级证书' },
  { batch: 2, seq: 6, bodyCode: 'ZLJY', code: 'X-SMART-TAX', name: '智能财税职业技能等级证书' },
  { batch: 2, seq: 7, bodyCode: 'YGDJ', code: 'X-MATERNAL-CARE', name: '母婴护理职业技能等级证书' },
  {
    batch: 2,
    seq: 8,
    bodyCode: 'XDL',
    code: 'X-SENSOR-NET',
    name: '传感网应用开发职业技能等级证书',
  },
  {
    batch: 2,
    seq: 9,
    bodyCode: 'ZMFZ',
    code: 'X-DEMENTIA-CARE',
    name: '失智老年人照护职业技能等级证书',
  },
  {
    batch: 2,
    seq: 10,
    bodyCode: 'NJ55',
    code: 'X-CLOUD-OPS',
    name: '云计算平台运维与开发职业技能等级证书',
  },
];

/** Every scheme gets the three levels with these bank-recognised credits, and two exam components. */
export const DEMO_LEVELS = [
  { level: 'JUNIOR', recognisedCredits: '4' },
  { level: 'INTERMEDIATE', recognisedCredits: '6' },
  { level: 'SENIOR', recognisedCredits: '8' },
] as const;

export const DEMO_COMPONENTS = [
  { code: 'THEORY', name: '理论知识考试' },
  { code: 'PRACTICAL', name: '实操技能考核' },
];

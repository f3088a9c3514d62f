"""Invented sentences composed from generic administrative phrasing.

No sentence is copied from a real document: paragraphs are assembled from short, common
administrative fragments (subjects, duties, purposes) around a topic, so documents differ in
wording and length the way real ones do, and none of them reads like a document header.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    name: str  # 农村人居环境整治
    dept: str  # lead department (a name in cities._DEPTS)
    goal: str  # 长效管护机制基本建立
    place_word: str  # what a 批复 / 通告 is about


TOPICS: tuple[Topic, ...] = (
    Topic("农村人居环境整治", "农业农村局", "村庄环境基本实现干净整洁有序", "村庄规划"),
    Topic("城镇老旧小区改造", "住房和城乡建设局", "完成老旧小区改造任务", "片区改造"),
    Topic("养老服务体系建设", "民政局", "居家社区机构相协调的养老服务体系基本建立", "养老服务中心"),
    Topic("义务教育优质均衡发展", "教育局", "城乡义务教育学校办学条件明显改善", "学校布局"),
    Topic("食品安全监管", "市场监督管理局", "食品安全风险防控能力明显提升", "农贸市场"),
    Topic("森林防灭火", "应急管理局", "森林火灾受害率控制在规定指标以内", "林区"),
    Topic("防汛抗旱", "水利局", "防汛抗旱减灾体系进一步健全", "河道管理范围"),
    Topic("安全生产专项整治", "应急管理局", "重大安全风险得到有效管控", "危险化学品集中区"),
    Topic("优化营商环境", "发展和改革委员会", "企业开办时间压缩至1个工作日以内", "政务服务中心"),
    Topic("数字政府建设", "发展和改革委员会", "政务服务事项网上可办率达到95%以上", "政务云平台"),
    Topic("河湖长制", "水利局", "河湖管理保护长效机制全面建立", "水库"),
    Topic("大气污染防治", "生态环境局", "空气质量优良天数比率稳步提高", "高污染燃料禁燃区"),
    Topic("稳就业促创业", "人力资源和社会保障局", "城镇新增就业人数持续增加", "创业孵化基地"),
    Topic("中小企业纾困发展", "财政局", "中小企业融资成本明显下降", "产业园"),
    Topic("全民健身公共服务", "教育局", "城乡居民身边健身设施全面覆盖", "体育公园"),
    Topic("城市生活垃圾分类", "住房和城乡建设局", "生活垃圾回收利用率达到35%以上", "垃圾中转站"),
    Topic("耕地保护", "自然资源和规划局", "耕地保有量和永久基本农田保护任务全面落实", "土地整治项目"),
    Topic("公共卫生应急管理", "卫生健康委员会", "突发公共卫生事件应急处置能力显著增强", "疾病预防控制中心"),
    Topic("医疗保障基金监管", "医疗保障局", "医疗保障基金使用更加安全规范", "定点医疗机构"),
    Topic("农村供水保障", "水利局", "农村自来水普及率达到90%以上", "集中供水工程"),
    Topic("城市燃气安全", "住房和城乡建设局", "燃气安全隐患得到全面排查整治", "燃气管网"),
    Topic("高标准农田建设", "农业农村局", "建成一批旱涝保收的高标准农田", "农田水利工程"),
    Topic("知识产权保护", "市场监督管理局", "知识产权创造运用水平明显提升", "商标品牌基地"),
    Topic("道路交通安全", "交通运输局", "道路交通事故起数和死亡人数持续下降", "国省干线公路"),
    Topic("对外贸易稳定增长", "商务局", "外贸进出口总额保持稳定增长", "保税物流中心"),
    Topic("地质灾害防治", "自然资源和规划局", "地质灾害隐患点监测预警全面覆盖", "地质灾害隐患点"),
    Topic("城乡居民医疗救助", "医疗保障局", "困难群众基本医疗需求得到有效保障", "救助站"),
    Topic("生态环境保护督察整改", "生态环境局", "督察反馈问题按期完成整改", "饮用水水源保护区"),
)

SUBJECTS = ("各地各部门", "各级各有关部门", "各牵头单位", "各责任单位", "有关部门", "各地")
DUTIES = (
    "切实加强组织领导，明确责任分工",
    "建立健全工作协调机制，定期研究解决重大问题",
    "加大资金投入力度，统筹用好各类专项资金",
    "强化督促检查，对工作推进不力的及时督办",
    "做好政策宣传解读，及时回应社会关切",
    "落实属地管理责任和部门监管责任",
    "完善信息报送制度，按时报送工作进展情况",
    "加强人才队伍建设，提升基层工作能力",
    "坚持问题导向，抓好薄弱环节整改",
    "严格落实各项工作措施，确保不留死角",
    "健全考核评价机制，将考核结果纳入年度绩效考评",
    "加强部门协作配合，形成工作合力",
)
PURPOSES = (
    "确保各项任务落到实处",
    "推动工作取得实效",
    "切实提高群众满意度",
    "确保按时保质完成目标任务",
    "为全{lvl}经济社会高质量发展提供有力保障",
    "不断增强人民群众的获得感、幸福感、安全感",
)
TASKS = (
    "完善基础设施", "强化监测预警", "推进标准化建设", "加强执法监管", "深化改革创新",
    "提升服务水平", "健全投入机制", "推动示范创建", "加强宣传培训", "夯实基层基础",
    "推进信息化建设", "强化要素保障",
)
OPENINGS = (
    "为深入贯彻落实党中央、国务院和省委、省政府关于{topic}的决策部署，进一步做好我{lvl}{topic}工作，",
    "为加快推进{topic}，着力解决当前存在的突出问题，",
    "根据{prov_gov}有关工作部署，结合我{lvl}实际，",
    "为进一步规范{topic}相关工作，保障人民群众合法权益，",
)
PLAN_WORDS = ("实施方案", "工作方案", "三年行动计划（{y}—{y2}年）", "管理办法", "实施细则", "应急预案", "考核办法", "专项行动方案")
RULE_WORDS = ("管理办法", "管理规定", "实施办法", "暂行办法")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆范汪廖石金贾夏韦方邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建明华国志海军伟强平东文晓红丽秀英芳敏静燕玲霞立新永春林云峰涛斌宇杰俊鹏飞波刚勇德成福荣子浩然欣怡思远佳琪振兴宏亮"
POSTS = (
    "{city}发展和改革委员会副主任", "{city}财政局局长", "{city}教育局副局长", "{city}民政局局长",
    "{city}人民政府办公室副主任", "{city}住房和城乡建设局副局长", "{city}交通运输局局长",
    "{city}应急管理局副局长", "{city}农业农村局局长", "{city}审计局副局长", "{city}统计局局长",
    "{city}水利局副局长", "{city}商务局局长", "{city}医疗保障局副局长",
)


def person(rng: random.Random) -> str:
    """An invented two- or three-character name."""
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def fill(template: str, **kw: str) -> str:
    return template.format(**kw)


def sentence(rng: random.Random, lvl: str) -> str:
    """One duty sentence: subject + duty + purpose."""
    return f"{rng.choice(SUBJECTS)}要{rng.choice(DUTIES)}，{fill(rng.choice(PURPOSES), lvl=lvl)}。"


def paragraph(rng: random.Random, topic: Topic, lvl: str, n: int | None = None) -> str:
    """A body paragraph of 2–4 sentences about the topic."""
    n = n or rng.randint(2, 4)
    parts = [f"围绕{topic.name}重点任务，" + sentence(rng, lvl)]
    parts += [sentence(rng, lvl) for _ in range(n - 1)]
    return "".join(parts)


def opening(rng: random.Random, topic: Topic, lvl: str, prov_gov: str) -> str:
    return fill(rng.choice(OPENINGS), topic=topic.name, lvl=lvl, prov_gov=prov_gov)


def hanzi_ordinal(n: int) -> str:
    """1 → 一, 12 → 十二 (section numbering 一、 二、 …)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")

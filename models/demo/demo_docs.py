"""The sample case's paperwork: which documents each item carries, with their Chinese text."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from models.demo.demo_paperwork import render_pdf

CST = timezone(timedelta(hours=8))
CASE = "张某某侵犯公民个人信息案"
POLICE = "某市公安局某分局"
SIGN = ["侦查人员：刘某、陈某", "见证人：赵某"]


def _doc(spec, kind: str, path: str, title: str, number: str, day: datetime, paragraphs: list[str],
         table: list[list[str]] | None = None, signatures: list[str] | None = None, issuer: str = POLICE) -> dict:
    pdf = render_pdf(title, number, paragraphs, table, signatures, dated=f"{issuer}　{day:%Y年%m月%d日}")
    spec.put(path, pdf, day)
    return {"kind": kind, "path": path, "number": number, "date": day.date().isoformat()}


def seized_docs(spec) -> list[dict]:
    day = datetime(2026, 11, 18, 9, 30, tzinfo=CST)
    phone = [["编号", "名称", "特征", "数量", "备注"],
             ["1", "华为 Mate 40 Pro 手机", "黑色，IMEI 864512050123458，背面“Z”字贴纸", "1部", "已封存"],
             ["2", "金士顿 DataTraveler U盘", "蓝色，序列号 0019E06B4A2C，挂绳上系“张”字标签", "1个", "已封存"]]
    return [
        _doc(spec, "search_warrant", "documents/E1-搜查证.pdf", "搜查证", "某公（网）搜查字〔2026〕33号", day,
             [f"因侦查{CASE}需要，根据《中华人民共和国刑事诉讼法》第一百三十八条之规定，兹派我局侦查人员刘某、陈某，"
              "对张某某的身体、物品、住处进行搜查。"]),
        _doc(spec, "search_record", "documents/E1-搜查笔录.pdf", "搜查笔录", "", day + timedelta(minutes=70),
             ["时间：2026年11月18日9时30分至10时40分。地点：某市某区某路1号张某某住处。",
              "侦查人员刘某、陈某持搜查证对张某某住处进行搜查，在卧室床头柜发现黑色华为手机一部，书桌抽屉内发现蓝色U盘一个，当场予以扣押封存。"],
             signatures=SIGN + ["被搜查人：张某某"]),
        _doc(spec, "seizure_decision", "documents/E1-扣押决定书.pdf", "扣押决定书", "某公（网）扣字〔2026〕101号",
             day + timedelta(minutes=60),
             ["根据《中华人民共和国刑事诉讼法》第一百四十一条之规定，我局决定扣押张某某的下列物品、文件："], phone),
        _doc(spec, "seizure_list", "documents/E1-扣押清单.pdf", "扣押清单", "某公（网）扣字〔2026〕101号",
             day + timedelta(minutes=65), ["持有人：张某某　　扣押地点：某市某区某路1号"], phone,
             SIGN + ["持有人：张某某"]),
        _doc(spec, "extraction_record", "documents/E1-电子数据提取笔录.pdf", "电子数据提取笔录", "",
             datetime(2026, 11, 18, 14, 45, tzinfo=CST),
             [f"案由：{CASE}。提取对象：扣押的华为手机一部（IMEI 864512050123458）。",
              "提取时间：2026年11月18日14时02分至14时40分。提取方法：拆封后使用某手机取证系统6.2.1以只读方式逻辑提取，"
              "提取聊天记录2份、照片3张，计算完整性校验值（MD5、SHA-256）后重新封存。"],
             [["序号", "类别", "文件格式", "完整性校验值"], ["1", "聊天记录", "TXT", "见哈希值清单"],
              ["2", "照片", "JPEG", "见哈希值清单"]], SIGN + ["持有人：张某某"]),
    ]


def online_docs(spec) -> list[dict]:
    day = datetime(2026, 11, 12, 15, 45, tzinfo=CST)
    return [_doc(spec, "extraction_record", "documents/E2-电子数据在线提取笔录.pdf", "电子数据在线提取笔录", "", day,
                 [f"案由：{CASE}。网络地址：https://bbs.example.cn/thread-10086.html。",
                  "提取时间：2026年11月12日15时00分至15时40分。经公安网络取证专线访问公开页面，"
                  "保存网页及附件，全程录屏并截图2张，计算完整性校验值。"],
                 [["序号", "文件", "格式"], ["1", "帖子页面", "HTML"], ["2", "帖子附件", "TXT"]], SIGN)]


def frozen_docs(spec) -> list[dict]:
    day = datetime(2026, 11, 10, 8, 30, tzinfo=CST)
    return [_doc(spec, "freeze_notice", "documents/E3-冻结通知书.pdf", "协助冻结电子数据通知书",
                 "某公（网）冻字〔2026〕7号",
                 day, ["某云计算有限公司：", f"因侦查{CASE}需要，请协助冻结下列电子数据，冻结期限为六个月：",
                       "账号 zhang0101 网盘目录“/网盘”下全部文件。冻结期间不得增加、删除、修改。"])]


def obtained_docs(spec) -> list[dict]:
    day = datetime(2026, 11, 5, 10, 0, tzinfo=CST)
    listed = [["序号", "调取的电子数据"], ["1", "账号 zhang0101、li8888 注册信息"],
              ["2", "上述账号2026年9月至10月登录日志"],
              ["3", "张某某名下支付账户交易流水"]]
    return [
        _doc(spec, "obtain_notice", "documents/E4-调取证据通知书.pdf", "调取证据通知书", "某公（网）调证字〔2026〕58号",
             day,
             ["某网络科技有限公司：",
              f"因侦查{CASE}需要，根据《中华人民共和国刑事诉讼法》第五十四条之规定，请提供下列电子数据："],
             listed),
        _doc(spec, "obtain_receipt", "documents/E4-调取证据回执.pdf", "调取证据清单（回执）",
             "某公（网）调证字〔2026〕58号",
             datetime(2026, 11, 8, 16, 0, tzinfo=CST), ["上述电子数据已由本单位提供，核对无误。"], listed,
             ["提供单位：某网络科技有限公司（盖章）", "经办人：孙某"]),
    ]


def appraisal_docs(spec, material: list[str]) -> list[dict]:
    day = datetime(2026, 11, 19, 17, 0, tzinfo=CST)
    return [_doc(spec, "appraisal_opinion", "documents/E5-鉴定意见书.pdf", "司法鉴定意见书",
                 "某司鉴中心〔2026〕电鉴字第88号", day,
                 ["一、基本情况　委托人：" + POLICE + "；委托日期：2026年11月18日；鉴定日期：2026年11月19日。",
                  "二、检材　" + "；".join(material) + "。检材哈希值与送检清单一致。",
                  "三、鉴定过程　依据 GB/T 29360-2012《电子物证数据恢复检验规程》对检材进行检验，"
                  "提取照片元数据与聊天记录。",
                  "四、鉴定意见　检材照片拍摄设备为华为 NOH-AN00，聊天记录中交易金额与交易流水相符。"],
                 signatures=["鉴定人：周某（执业证号 310012）", "鉴定人：吴某（执业证号 310045）"],
                 issuer="某司法鉴定中心")]

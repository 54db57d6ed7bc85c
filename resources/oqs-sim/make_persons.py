#!/usr/bin/env python3
"""Writes persons.csv: the fictional insured persons oqs-sim answers for (and the demo patients).

Deterministic (fixed seed). Every insurer number satisfies the check-digit rule; prefecture code 99
and the 見本/架空/例示 place names make every record obviously fictional. Regenerate only on purpose:
  python3 resources/oqs-sim/make_persons.py > resources/oqs-sim/persons.csv
"""
import csv, random, sys

rng = random.Random(20261121)

def check_digit(digits):
    total, weight = 0, 2
    for d in reversed(digits):
        p = int(d) * weight
        total += p // 10 + p % 10
        weight = 1 if weight == 2 else 2
    return str((10 - total % 10) % 10)

def insurer(law, serial):  # law '' = 国民健康保険 (6 digits)
    body = f"{law}99{serial:03d}"
    return body + check_digit(body)

FAMILY = [("佐藤","ｻﾄｳ"),("鈴木","ｽｽﾞｷ"),("高橋","ﾀｶﾊｼ"),("髙橋","ﾀｶﾊｼ"),("田中","ﾀﾅｶ"),("伊藤","ｲﾄｳ"),("渡辺","ﾜﾀﾅﾍﾞ"),
          ("山本","ﾔﾏﾓﾄ"),("中村","ﾅｶﾑﾗ"),("小林","ｺﾊﾞﾔｼ"),("加藤","ｶﾄｳ"),("吉田","ﾖｼﾀﾞ"),("山田","ﾔﾏﾀﾞ"),("山崎","ﾔﾏｻﾞｷ"),
          ("山﨑","ﾔﾏｻﾞｷ"),("斎藤","ｻｲﾄｳ"),("齋藤","ｻｲﾄｳ"),("見本","ﾐﾎﾝ"),("架空","ｶｸｳ"),("例示","ﾚｲｼﾞ"),("德永","ﾄｸﾅｶﾞ"),
          ("長谷川","ﾊｾｶﾞﾜ"),("五十嵐","ｲｶﾞﾗｼ"),("勅使河原","ﾃｼｶﾞﾜﾗ")]
MALE = [("太郎","ﾀﾛｳ"),("一郎","ｲﾁﾛｳ"),("健太","ｹﾝﾀ"),("翔","ｼｮｳ"),("大輔","ﾀﾞｲｽｹ"),("誠","ﾏｺﾄ"),("浩","ﾋﾛｼ"),("蓮","ﾚﾝ"),
        ("悠真","ﾕｳﾏ"),("清","ｷﾖｼ"),("茂","ｼｹﾞﾙ"),("修","ｵｻﾑ"),("昭一","ｼｮｳｲﾁ"),("祐之介","ﾕｳﾉｽｹ")]
FEMALE = [("花子","ﾊﾅｺ"),("陽子","ﾖｳｺ"),("恵子","ｹｲｺ"),("美咲","ﾐｻｷ"),("結衣","ﾕｲ"),("さくら","ｻｸﾗ"),("由美","ﾕﾐ"),
          ("京子","ｷｮｳｺ"),("和子","ｶｽﾞｺ"),("陽菜","ﾋﾅ"),("愛","ｱｲ"),("智子","ﾄﾓｺ"),("凛","ﾘﾝ"),("幸子","ｻﾁｺ")]
TOWNS = ["見本市架空町","見本市試験台","架空郡例示村","見本市東見本","例示市中央","例示市港南"]

INSURERS = {  # kind -> (law, name)
    "kyokai": ("01", "全国健康保険協会見本支部"),
    "kumiai": ("06", "見本健康保険組合"),
    "kumiai2": ("06", "㈱架空製作所健康保険組合"),
    "kyosai": ("31", "見本共済組合"),
    "kokuho": ("", "見本市国民健康保険"),
    "kouki": ("39", "見本県後期高齢者医療広域連合"),
}
LIMIT_UNDER70 = ["A01","A02","A03","A04","A05","A06"]
LIMIT_70PLUS = ["B01","B02","B03","B04","B05","B06","B07","B08"]
LIMIT_75PLUS = ["B09","B10","B01","B02","B03"]

COLUMNS = ["id","category","insurer_number","symbol","number","branch","relation","insured_name","name","name_kana","sex",
           "birthdate","address","post_number","insurer_name","card_classification","validity","qualification_date",
           "disqualification_date","reason_of_loss","valid_from","valid_to","copay_ratio","elderly_ratio","elderly_start",
           "elderly_end","limit_classification","limit_flag","limit_start","limit_end","specific_disease",
           "new_insurer_number","new_symbol","new_number","new_branch","new_insurer_name"]

rows = []
serials = {k: rng.randrange(100, 900) for k in INSURERS}

def person(category, kind, symbol, number, branch, relation, insured_name, family, given, sex, birth, extra=None):
    law, insurer_name = INSURERS[kind]
    r = dict.fromkeys(COLUMNS, "")
    r.update(id=f"P{len(rows)+1:04d}", category=category, insurer_number=insurer(law, serials[kind]), symbol=symbol,
             number=number, branch=branch, relation=relation, insured_name=insured_name,
             name=f"{family[0]}　{given[0]}", name_kana=f"{family[1]} {given[1]}", sex=sex, birthdate=birth,
             address=f"見本県{rng.choice(TOWNS)}{rng.randint(1,9)}-{rng.randint(1,30)}-{rng.randint(1,20)}",
             post_number=f"999-{rng.randint(0,9999):04d}", insurer_name=insurer_name, card_classification="01",
             validity="1", qualification_date=max(birth, "20150401"), valid_from=max(birth, "20150401"),
             copay_ratio="030")
    if extra: r.update(extra)
    rows.append(r)
    return r

def birth(age_from, age_to):
    y = 2026 - rng.randint(age_from, age_to)
    return f"{y}{rng.randint(1,12):02d}{rng.randint(1,28):02d}"

def given_for(sex):
    return rng.choice(MALE if sex == "1" else FEMALE)

# Families under one insured person: the insured (本人, 枝番 00) and 1–3 dependants (家族, 01…).
for f in range(110):
    kind = rng.choice(["kyokai", "kumiai", "kumiai2", "kyosai", "kokuho"])
    family = rng.choice(FAMILY)
    symbol = rng.choice([str(rng.randint(100, 9999)), "見本", "架空-" + str(rng.randint(1, 99)), "ﾐﾎﾝ"])
    number = str(rng.randint(1, 99999))
    head_sex = rng.choice("12")
    head = person("family", kind, symbol, number, "00", "1", "", family, given_for(head_sex), head_sex, birth(30, 64))
    head["insured_name"] = head["name"]
    for d in range(rng.randint(1, 3)):
        sex = rng.choice("12")
        person("family", kind, symbol, number, f"{d+1:02d}", "2", head["name"], family, given_for(sex), sex,
               birth(0, 17) if d else birth(28, 64), {"copay_ratio": "020" if d else "030"})

# Twins: same card, same birth date, different 枝番 — leaving the 枝番 out matches both (validity 5).
for t in range(6):
    family = rng.choice(FAMILY)
    number = str(rng.randint(1, 99999))
    head = person("family", "kumiai", "双子", number, "00", "1", "", family, given_for("1"), "1", birth(30, 45))
    head["insured_name"] = head["name"]
    b = birth(1, 12)
    for k in range(2):
        sex = rng.choice("12")
        person("twins", "kumiai", "双子", number, f"{k+1:02d}", "2", head["name"], family, given_for(sex), sex, b,
               {"copay_ratio": "020"})

# 後期高齢者 (75+): personal numbers, no 記号 and no 枝番.
for k in range(45):
    family = rng.choice(FAMILY); sex = rng.choice("12")
    r = person("kouki", "kouki", "", f"{rng.randint(10000000, 99999999)}", "", "1", "", family, given_for(sex), sex,
               birth(75, 99), {"copay_ratio": rng.choice(["010", "020", "030"])})
    r["insured_name"] = r["name"]

# 70–74: elderly recipient certificates.
for k in range(35):
    family = rng.choice(FAMILY); sex = rng.choice("12")
    r = person("elderly", rng.choice(["kyokai", "kokuho", "kumiai"]), str(rng.randint(100, 999)), str(rng.randint(1, 99999)),
               "00", "1", "", family, given_for(sex), sex, birth(70, 74),
               {"elderly_ratio": rng.choice(["020", "030"]), "elderly_start": "20260801", "elderly_end": "20270731",
                "copay_ratio": ""})
    r["insured_name"] = r["name"]

# Limit certificates: every 適用区分, matched to age.
for flag in LIMIT_UNDER70 * 3 + LIMIT_70PLUS * 2 + LIMIT_75PLUS * 2:
    family = rng.choice(FAMILY); sex = rng.choice("12")
    if flag.startswith("A"):
        kind, age, symbol, branch = rng.choice(["kyokai", "kumiai", "kokuho"]), (20, 69), str(rng.randint(100, 999)), "00"
    elif flag in ("B09", "B10") or len([1 for r in rows if r["limit_flag"] == flag]) % 2:
        kind, age, symbol, branch = "kouki", (75, 95), "", ""
    else:
        kind, age, symbol, branch = "kokuho", (70, 74), str(rng.randint(100, 999)), "00"
    r = person("limit", kind, symbol, str(rng.randint(10000000 if kind == "kouki" else 1, 99999999 if kind == "kouki" else 99999)),
               branch, "1", "", family, given_for(sex), sex, birth(*age),
               {"limit_classification": "01" if flag.startswith("A") else rng.choice(["01", "02"]), "limit_flag": flag,
                "limit_start": "20260801", "limit_end": "20270731"})
    r["insured_name"] = r["name"]

# Specific diseases (特定疾病療養受療証).
for k in range(12):
    family = rng.choice(FAMILY); sex = rng.choice("12")
    r = person("disease", "kyokai", str(rng.randint(100, 999)), str(rng.randint(1, 99999)), "00", "1", "", family,
               given_for(sex), sex, birth(30, 69), {"specific_disease": str(k % 3 + 1)})
    r["insured_name"] = r["name"]

# Invalid (2): qualification lost.
for k in range(30):
    family = rng.choice(FAMILY); sex = rng.choice("12")
    r = person("invalid", rng.choice(["kyokai", "kumiai", "kokuho"]), str(rng.randint(100, 999)), str(rng.randint(1, 99999)),
               "00", "1", "", family, given_for(sex), sex, birth(20, 69),
               {"validity": "2", "disqualification_date": f"2026{rng.randint(1,10):02d}{rng.randint(1,28):02d}",
                "reason_of_loss": rng.choice(["03", "99", "02"]), "valid_to": "20260930"})
    r["insured_name"] = r["name"]

# Invalid, a newer qualification exists (3): checked with the old card -> 3; with the new one -> 1.
for k in range(25):
    family = rng.choice(FAMILY); sex = rng.choice("12")
    law, name = INSURERS["kumiai2"]
    r = person("newer", "kyokai", str(rng.randint(100, 999)), str(rng.randint(1, 99999)), "00", "1", "", family,
               given_for(sex), sex, birth(22, 64),
               {"validity": "3", "disqualification_date": "20260331", "reason_of_loss": "03", "valid_to": "20260331",
                "new_insurer_number": insurer(law, serials["kumiai2"]), "new_symbol": str(rng.randint(1000, 9999)),
                "new_number": str(rng.randint(1, 99999)), "new_branch": "00", "new_insurer_name": name})
    r["insured_name"] = r["name"]

# Not known to OQS (4): the simulator answers 該当資格なし for them (a typo on the card, a stale record).
for k in range(20):
    family = rng.choice(FAMILY); sex = rng.choice("12")
    r = person("unknown", rng.choice(["kyokai", "kokuho"]), str(rng.randint(100, 999)), str(rng.randint(1, 99999)), "00",
               "1", "", family, given_for(sex), sex, birth(18, 80), {"validity": "4"})
    r["insured_name"] = r["name"]

# Names with CP932 extension characters and kanji variants in addresses.
for r in rows[::37]:
    r["address"] = r["address"] + "　見本ハイツ①号室"

w = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
w.writeheader()
w.writerows(rows)
print(f"{len(rows)} persons", file=sys.stderr)

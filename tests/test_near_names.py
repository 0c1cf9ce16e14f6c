from guidekit.near_names import nearest


def test_the_most_alike_name_comes_first_and_equals_keep_their_order():
    known = [
        "zh-Hans/chaxun-gongjijin.md",
        "zh-Hans/chaxun-shebao.md",
        "zh-Hant/chaxun-gongjijin.md",
    ]
    assert nearest("zh-Hans/chaxun-gongjijing.md", known, 0.85) == ["zh-Hans/chaxun-gongjijin.md"]
    # a letter added is nearer than a letter changed; of two equally near, the one known first
    assert nearest("guide-1.md", ["guide-3.md", "guide-2.md", "guide-10.md"], 0.8, limit=2) == [
        "guide-10.md",
        "guide-3.md",
    ]


def test_nothing_is_suggested_below_the_likeness_asked_for():
    assert nearest("banli-huzhao.md", ["yanglao-jin.md", "shebao-ka.md"], 0.85) == []
    assert nearest("matrials", ["materials", "steps"], 0.7) == ["materials"]

"""The search tokens and the index files, in Python (the browser half: test_search_browser.py)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from scraper.search import postings as P
from scraper.search import tokens as T
from scraper.search.entry import SearchEntry
from scraper.search.index import PACK, TITLE_FLAG, write_index

from conftest import SEEDS


def test_folding_makes_traditional_fullwidth_and_case_one() -> None:
    assert T.normalize("互聯網+監管") == "互联网+监管"
    assert T.normalize("黃政辦發〔２０１９〕１６號") == "黄政办发〔2019〕16号"
    assert T.normalize("ＡＢＣ 5G") == "abc 5g"
    # Simplified text is left alone (t2s must not touch characters that are already Simplified).
    assert T.normalize("后发干里面系只台") == "后发干里面系只台"


def test_tokens_are_bigrams_words_and_lone_characters() -> None:
    assert T.tokens("物业管理区域") == ["物业", "业管", "管理", "理区", "区域"]
    assert T.tokens("本政发〔2018〕15号") == ["本政", "政发", "2018", "15", "号"]
    assert T.tokens("養老服務 ABC") == ["养老", "老服", "服务", "abc"]
    assert T.tokens("，。、 ") == []


def test_traditional_seed_tokenizes_as_its_simplified_reading() -> None:
    text = next(p for p in SEEDS if "黃石" in p.read_text("utf-8")).read_text("utf-8")
    assert "互联" in T.token_counts(text) and "互聯" not in T.token_counts(text)


def test_shard_hash_is_fnv1a_over_utf16() -> None:
    # FNV-1a 32 of "a" is 0xe40c292c; of the UTF-16 unit 0x533b (医) computed by hand below.
    assert T.shard_of("a", 1 << 32) == 0xE40C292C
    value = 0x811C9DC5
    for unit in (0x533B, 0x7597):  # 医疗
        value = ((value ^ unit) * 0x01000193) & 0xFFFFFFFF
    assert T.shard_of("医疗", 1 << 32) == value
    # A character outside the BMP hashes as its two surrogates, as JavaScript's charCodeAt sees it.
    assert T.shard_of("𠀀", 97) == T.shard_of("\ud840\udc00".encode("utf-16-le", "surrogatepass").decode("utf-16-le"), 97)


def test_hashes_of_a_run_equal_the_hash_of_each_token() -> None:
    # Tokens of the seeds, plus lengths the vectorized loop must get right: empty, one
    # character, outside the BMP (two units), much longer than the rest.
    text = "".join(seed.read_text(encoding="utf-8") for seed in SEEDS)  # one seed is Traditional
    tokens = sorted(set(T.index_counts(text))) + ["", "a", "𠀀", "𠀀医", "2021" * 40]
    hashes = P.token_hashes(tokens).tolist()
    assert hashes == [T.shard_of(token, 1 << 32) for token in tokens]
    assert P._reversed_bits(P.token_hashes(tokens)).tolist() == [P._reverse(h) for h in hashes]
    assert P.token_hashes([]).tolist() == []


def entry(n: int, title: str, text: str, **fields: object) -> SearchEntry:
    values: dict[str, object] = dict(
        doc_id=f"d{n}", url=f"g/2020/01/d{n}/", title=title, number=None, number_agency=None,
        number_year=None, number_serial=None, office="某市人民政府", genre="通知",
        date=f"2020-01-{n + 1:02d}", gazette="某市人民政府公报", year=2020, issue="2020年第1期", text=text,
    )
    values.update(fields)
    return SearchEntry(**values)  # type: ignore[arg-type]


def read(path: Path) -> object:
    data = path.read_bytes()
    return json.loads(gzip.decompress(data) if path.suffix == ".gz" else data)


@pytest.fixture()
def small_index(tmp_path: Path) -> Path:
    entries = [
        entry(2, "关于养老服务的通知", "推进医养结合。", number="某政发〔2020〕3号", number_agency="某政发",
              number_year=2020, number_serial=3, date="2020-03-01"),
        entry(0, "关于电梯安全的通知", "电梯维修资金。", office="某市人民政府办公室", date="2020-01-01"),
        entry(1, "政府令", "物业管理区域。", number="政府令第5号", number_agency="政府令",
              number_year=None, number_serial=5, genre="令", date=None, gazette=None, year=None),
    ]
    out = tmp_path / "search-index"
    write_index(entries, out)
    return out


def postings(index: Path, token: str) -> dict[int, int]:
    manifest = read(index / "manifest.json")
    shard = read(index / f"s/{T.shard_of(token, manifest['shards'])}.json.gz")
    pairs = shard.get(token, [])
    out, doc = {}, 0
    for delta, weight in zip(pairs[::2], pairs[1::2]):
        doc += delta
        out[doc] = weight
    return out


def test_documents_are_numbered_oldest_first_and_undated_first(small_index: Path) -> None:
    titles = [read(small_index / f"d/{n}.json.gz")["t"] for n in range(3)]
    assert titles == ["政府令", "关于电梯安全的通知", "关于养老服务的通知"]
    card = read(small_index / "d/2.json.gz")
    assert card["n"] == "某政发〔2020〕3号" and card["u"] == "g/2020/01/d2/" and card["x"] == "推进医养结合。"


def test_postings_carry_weights_and_title_flag(small_index: Path) -> None:
    assert set(postings(small_index, "医养")) == {2}
    assert postings(small_index, "医养")[2] < TITLE_FLAG  # body only
    assert postings(small_index, "养老")[2] > TITLE_FLAG  # in the title
    assert set(postings(small_index, "通知")) == {1, 2}
    assert postings(small_index, "没有") == {}
    assert PACK > 2 * TITLE_FLAG


def test_facets_and_number_lookup(small_index: Path) -> None:
    manifest = read(small_index / "manifest.json")
    assert manifest["documents"] == 3
    genres = manifest["facets"]["genre"]
    assert [value[:2] for value in genres] == [["通知", 2], ["令", 1]]
    assert manifest["facets"]["office"][0][:2] == ["某市人民政府", 2]
    assert manifest["facets"]["year"] == [["2020", 2, "2020", 0]]
    assert [v[:2] for v in manifest["facets"]["dyear"]] == [["2020", 2]]  # the document's own date (one has none)
    codes = read(small_index / "c/0.json.gz")
    code = {value: c for value, _, _, c in genres}
    assert codes["genre"] == [code["令"], code["通知"], code["通知"]] and codes["year"] == [-1, 0, 0]
    assert manifest["codeBlock"] > 0 and manifest["lastDoc"] == 2
    assert read(small_index / f"f/genre-{genres[1][2]}.json.gz") == [0]  # 令 → document 0
    assert read(small_index / f"f/genre-{genres[0][2]}.json.gz") == [1, 1]  # deltas: documents 1 and 2
    assert manifest["numberYears"] == [0, 2020]
    assert read(small_index / "n/2020/3.json.gz") == {"某政发|3": [2]}
    assert read(small_index / "n/0/5.json.gz") == {"政府令|5": [0]}
    assert manifest["numberBuckets"] == 16 and len(list((small_index / "n" / "2020").iterdir())) == 16
    assert read(small_index / "n/2020/4.json.gz") == {}


def test_same_input_gives_same_bytes(tmp_path: Path) -> None:
    entries = [entry(0, "关于养老服务的通知", "推进医养结合。"), entry(1, "电梯", "维修资金")]
    write_index(entries, tmp_path / "a")
    write_index(list(reversed(entries)), tmp_path / "b")
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    for name in files_a:
        if name.name != "manifest.json":  # holds the build time
            assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_facet_files_keep_their_names_as_values_come_and_go(tmp_path: Path) -> None:
    one = [entry(0, "甲", "正文", office="甲局")]
    two = [*one, entry(1, "乙", "正文", office="乙局"), entry(2, "丙", "正文", office="乙局")]
    write_index(one, tmp_path / "a")
    write_index(two, tmp_path / "b")
    key = lambda index: {v: k for v, _, k, _ in read(index / "manifest.json")["facets"]["office"]}
    assert key(tmp_path / "a")["甲局"] == key(tmp_path / "b")["甲局"]  # 乙局 now comes first


def test_days_for_newest_first_by_document_number(small_index: Path) -> None:
    days = read(small_index / "days/0.json.gz")["day"]
    assert days[:3] == [0, 18262, 18322]  # undated, 2020-01-01, 2020-03-01
    codes = read(small_index / "c/0.json.gz")
    assert "day" not in codes and all(len(codes[facet]) == len(days) for facet in codes)


def test_a_new_value_takes_the_next_code(tmp_path: Path) -> None:
    """Codes rank values by the first document holding them: a new office recodes nothing."""
    one = [entry(0, "甲", "正文", office="乙局"), entry(1, "乙", "正文", office="甲局")]
    write_index(one, tmp_path / "a")
    write_index([*one, entry(2, "丙", "正文", office="丙局"), entry(3, "丁", "正文", office="丙局")], tmp_path / "b")
    code = lambda index: {v: c for v, _, _, c in read(index / "manifest.json")["facets"]["office"]}
    assert code(tmp_path / "a") == {"乙局": 0, "甲局": 1}
    assert code(tmp_path / "b") == {"乙局": 0, "甲局": 1, "丙局": 2}  # 丙局 listed first (most documents)


def test_shards_grow_with_the_archive(tmp_path: Path) -> None:
    text = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(3000))
    small = write_index([entry(0, "题", text)], tmp_path / "small")
    large = write_index([entry(n, "题", text[n:] + text[:n]) for n in range(20)], tmp_path / "large")
    assert large.shards > small.shards
    assert large.documents == 20


def test_rewriting_into_the_same_folder_touches_only_changed_files(tmp_path: Path) -> None:
    out = tmp_path / "index"
    entries = [entry(n, f"关于第{n}项工作的通知", f"第{n}项工作的正文。") for n in range(4)]
    write_index(entries, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.gz")}
    import os
    for path in before:  # make any rewrite visible in the mtime
        os.utime(path, ns=(1, 1))
    changed = [*entries[:2], entry(2, "关于第2项工作的通知", "第2项工作的正文已修改。")]  # 3 dropped
    write_index(changed, out)
    rewritten = {p.relative_to(out).as_posix() for p in out.rglob("*.gz") if p.stat().st_mtime_ns != 1}
    assert "d/2.json.gz" in rewritten and "d/0.json.gz" not in rewritten and "d/1.json.gz" not in rewritten
    assert not (out / "d" / "3.json.gz").exists()  # no longer part of the index
    assert read(out / "d/2.json.gz")["x"] == "第2项工作的正文已修改。"


def test_common_tokens_are_published_without_weights(tmp_path: Path) -> None:
    """A token in more documents than the threshold: its documents and title documents only."""

    entries = [entry(n, "关于养老服务的通知" if n % 2 else "政府令", f"第{n}项养老工作。") for n in range(6)]
    write_index(entries, tmp_path / "exact")
    write_index(entries, tmp_path / "common", common=2)
    manifest = read(tmp_path / "common" / "manifest.json")
    shard = read(tmp_path / "common" / f"s/{T.shard_of('养老', manifest['shards'])}.json.gz")
    common = shard["养老"]
    assert set(common) == {"d", "t"}
    exact = postings(tmp_path / "exact", "养老")
    assert P.pairs([x for n in common["d"] for x in (n, 0)])[-1][0] == max(exact)  # same documents
    docs = [num for num, _ in P.pairs([x for n in common["d"] for x in (n, 0)])]
    titled = [num for num, _ in P.pairs([x for n in common["t"] for x in (n, 0)])]
    assert docs == sorted(exact) and titled == sorted(n for n, w in exact.items() if w > TITLE_FLAG)
    assert isinstance(read(tmp_path / "exact" / f"s/{T.shard_of('养老', manifest['shards'])}.json.gz")["养老"], list)
    assert manifest["commonWeight"] > 0


def test_published_and_exact_postings_round_trip() -> None:

    shard = {"号": P.delta_pairs([(1, 300), (4, 1200), (9, 400)]), "养老": P.delta_pairs([(2, 500)])}
    public, private = P.published(shard, 2)
    assert public["养老"] == shard["养老"] and public["号"] == {"d": [1, 3, 5], "t": [4]}
    assert P.exact(public, private) == shard


def test_every_han_character_of_the_text_is_indexed_once_per_document(tmp_path: Path) -> None:
    """A one-character query (税) searches the whole text, Traditional folded (稅 → 税)."""
    out = tmp_path / "index"
    write_index([entry(0, "关于财政工作的通知", "依法征稅，减免增值税。"), entry(1, "通知", "没有那个字。")], out)
    assert set(postings(out, "税")) == {0}  # 稅 and 税 fold to one character
    assert postings(out, "税")[0] < TITLE_FLAG  # in the body, not the title
    assert set(postings(out, "通")) == {0, 1} and postings(out, "通")[1] > TITLE_FLAG
    assert T.index_counts("征稅税")["税"] == 2 and T.index_counts("征稅税")["征税"] == 1


def test_the_year_facets_keep_the_issue_year_and_the_documents_own(tmp_path: Path) -> None:
    """Signed in December, printed in January's issue: 2020 as a document, 2021 as an issue."""
    out = tmp_path / "index"
    write_index([entry(0, "年末的通知", "正文。", date="2020-12-28", year=2021)], out)
    facets = read(out / "manifest.json")["facets"]
    assert facets["year"][0][:2] == ["2021", 1] and facets["dyear"][0][:2] == ["2020", 1]


def test_long_posting_lists_patch_in_arrays_as_short_ones_do(monkeypatch) -> None:
    """A common token's list (thousands of documents) is patched with numpy: the same deltas as
    the list path gives, and its exact postings round-trip through the binary file beside the ledger."""
    import random

    rng = random.Random(7)
    for _ in range(40):
        nums = sorted(rng.sample(range(1, 40_000), rng.choice([0, 3, 2_500])))
        current = P.delta_pairs([(n, rng.choice([7, 300, 1200])) for n in nums])
        gone = set(rng.sample(nums, min(len(nums), rng.randint(0, 3))))
        new = sorted((n, 9) for n in rng.sample(range(1, 45_000), 3) if n not in set(nums) - gone)
        if rng.random() < 0.3:
            gone, new = set(), [(50_000 + k, 9) for k in range(3)]  # appended
        arrays = P.patch({"号": list(current)}, {"号": gone}, {"号": new})
        monkeypatch.setattr(P, "PATCH_IN_ARRAYS", 10**9)
        lists = P.patch({"号": list(current)}, {"号": gone}, {"号": new})
        monkeypatch.undo()
        assert {t: list(v) for t, v in arrays.items()} == lists
        public, private = P.published(arrays, 1_000)
        assert {t: list(v) for t, v in P.decode_private(P.encode_private(private)).items()} == \
            {t: list(v) for t, v in private.items()}
        assert P.exact(public, private).keys() == arrays.keys()


@pytest.mark.parametrize("shards", [64, 1 << 14])  # a shard spanning ranges; ranges holding shards
def test_merge_tasks_split_by_size_on_whole_shards_and_merge_the_same(tmp_path: Path, monkeypatch, shards) -> None:
    """Tasks are cut where the runs' bytes add up to TASK_BYTES (read from their headers), each
    on whole shards; however the hash order is cut, the merged shards are the same."""
    runs = []
    for k, seed in enumerate(SEEDS):  # one run per seed, as one partition's
        counts = T.index_counts(seed.read_text(encoding="utf-8"))
        runs.append(tmp_path / f"{k}.run")
        P.write_run(runs[-1], [(k, P.DocPostings(counts, frozenset(), sum(counts.values())))])
    lengths = [sum(T.index_counts(seed.read_text(encoding="utf-8")).values()) for seed in SEEDS]

    def merged(tasks: list[P.MergeTask]) -> dict[int, dict[str, list[int]]]:
        return {shard: content for task in tasks for shard, content in P.merge(task, runs, lengths, 300.0)}

    [whole] = P.merge_tasks(shards, runs)  # the seeds' runs are far below TASK_BYTES
    assert (whole.first, whole.last) == (0, P.RANGES)
    monkeypatch.setattr(P, "TASK_BYTES", 2_000)
    tasks = P.merge_tasks(shards, runs)
    assert len(tasks) > 10
    assert [t.first for t in tasks[1:]] == [t.last for t in tasks[:-1]] and tasks[-1].last == P.RANGES
    owned = [shard for task in tasks for shard in P.shards_in(task)]
    assert sorted(owned) == list(range(shards))  # every shard in exactly one task
    assert merged(tasks) == merged([whole])

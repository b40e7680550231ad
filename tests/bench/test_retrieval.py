"""The retrieval benchmark's question splits and its bm25s peer's tokens (bench/retrieval.py)."""

import jieba
import opencc
from bench.retrieval import in_split, jieba_folded_tokens


def test_held_out_and_tuning_split_drcd_articles_by_id_parity():
    """Odd article ids are held out, even ones were used for tuning, and `all` keeps both."""
    paragraphs = ["1147-5", "1148-2", "1149-10", "6170-1"]

    held_out = [p for p in paragraphs if in_split(p, "held-out")]
    tuning = [p for p in paragraphs if in_split(p, "tuning")]

    assert held_out == ["1147-5", "1149-10"]
    assert tuning == ["1148-2", "6170-1"]
    assert all(in_split(p, "all") for p in paragraphs)


def test_bm25s_peer_reads_both_scripts_alike():
    """Folded to Simplified before jieba, a Traditional question and its Simplified twin give the same tokens,
    lower-cased and without punctuation."""
    fold, tokenizer = opencc.OpenCC("hk2s"), jieba.Tokenizer()

    traditional = jieba_folded_tokens("狗隻牌照續期要幾多錢？DSD", fold, tokenizer)
    simplified = jieba_folded_tokens("狗只牌照续期要几多钱? DSD", fold, tokenizer)

    assert traditional == simplified
    assert "dsd" in traditional
    assert not {"？", "?", " "} & set(traditional)

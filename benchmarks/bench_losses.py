"""Time value + gradient of three lossedu losses against PyTorch on one CPU thread.

Run from the repository root::

    python benchmarks/bench_losses.py [--repeat 15] [--number 10]

Each case times one call of the loss plus one call of its ``_grad`` (both validating their
input, as a user would call them) and, when PyTorch is installed, the same loss's forward
and backward pass in PyTorch with ``torch.set_num_threads(1)``, on the same float64 data.
The times reported are the best of ``repeat`` runs of ``number`` calls each (``timeit``);
the ratio is the median over the runs of lossedu's time over PyTorch's in the same run, and
its spread the interquartile range of those per-run ratios.
NumPy's BLAS is limited to one thread as well when threadpoolctl is available.
"""

from __future__ import annotations

import argparse
import contextlib
import platform
import timeit

import numpy as np

from lossedu import losses

RATIO_GOAL = 1.3


def make_cases(rng: np.random.Generator) -> list[dict]:
    """The three benchmark cases: name, lossedu loss and gradient, inputs and torch function."""
    n = 1_000_000
    y = rng.normal(size=n)
    y_hat = y + rng.normal(size=n)
    labels = (rng.random(n) < 0.5).astype(np.float64)
    logits = 3.0 * rng.normal(size=n)
    rows, classes = 100_000, 10
    class_idx = rng.integers(0, classes, size=rows)
    class_logits = rng.normal(size=(rows, classes))
    return [
        dict(
            name="mse",
            shape=(n,),
            fn=losses.mse,
            grad=losses.mse_grad,
            y_true=y,
            pred=y_hat,
            torch_fn="mse_loss",
        ),
        dict(
            name="binary_cross_entropy_with_logits",
            shape=(n,),
            fn=losses.binary_cross_entropy_with_logits,
            grad=losses.binary_cross_entropy_with_logits_grad,
            y_true=labels,
            pred=logits,
            torch_fn="binary_cross_entropy_with_logits",
        ),
        dict(
            name="categorical_cross_entropy_with_logits",
            shape=(rows, classes),
            fn=losses.categorical_cross_entropy_with_logits,
            grad=losses.categorical_cross_entropy_with_logits_grad,
            y_true=class_idx,
            pred=class_logits,
            torch_fn="cross_entropy",
        ),
    ]


def paired_times(funcs: list, repeat: int, number: int) -> np.ndarray:
    """Time of one call of each function in each of ``repeat`` runs of ``number`` calls,
    shape (repeat, len(funcs)), in seconds. The functions take turns within each run, so
    that a busy machine slows them alike rather than whichever happened to run during the
    busy moment; the ratio of two columns within a run is a paired comparison."""
    times = np.empty((repeat, len(funcs)))
    for r in range(repeat):
        for i, func in enumerate(funcs):
            times[r, i] = timeit.timeit(func, number=number) / number
    return times


def check_agreement(case: dict, torch) -> None:
    """Refuse to time two implementations that do not compute the same loss and gradient."""
    target = torch.from_numpy(case["y_true"])
    pred = torch.from_numpy(case["pred"]).clone().requires_grad_(True)
    value = getattr(torch.nn.functional, case["torch_fn"])(pred, target)
    value.backward()
    ours = case["fn"](case["y_true"], case["pred"])
    ours_grad = case["grad"](case["y_true"], case["pred"])
    if not np.isclose(ours, value.item(), rtol=1e-10) or not np.allclose(
        ours_grad, pred.grad.numpy(), rtol=1e-8, atol=1e-18
    ):
        raise AssertionError(f"{case['name']}: lossedu and torch disagree")


def lossedu_call(case: dict):
    fn, grad, y_true, pred = case["fn"], case["grad"], case["y_true"], case["pred"]

    def run():
        fn(y_true, pred)
        grad(y_true, pred)

    return run


def torch_call(case: dict, torch):
    functional = getattr(torch.nn.functional, case["torch_fn"])
    target = torch.from_numpy(case["y_true"])
    pred = torch.from_numpy(case["pred"]).clone().requires_grad_(True)

    def run():
        pred.grad = None
        functional(pred, target).backward()

    return run


def blas_one_thread():
    """A context limiting NumPy's BLAS to one thread, or a no-op without threadpoolctl."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(limits=1)


def blas_description() -> str:
    """NumPy's BLAS library and the CPU kernel it chose (see OPENBLAS_CORETYPE)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "unknown (threadpoolctl not installed)"
    infos = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    return ", ".join(
        f"{i['internal_api']} {i['version']} {i.get('architecture', '')}" for i in infos
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="timeit repeats (best is kept)")
    parser.add_argument("--number", type=int, default=10, help="calls per repeat")
    args = parser.parse_args(argv)
    try:
        import torch
    except ImportError:
        torch = None
    else:
        torch.set_num_threads(1)
    cases = make_cases(np.random.default_rng(0))
    versions = f"numpy {np.__version__}"
    versions += f", torch {torch.__version__} (1 thread)" if torch else ", torch not installed"
    print(f"value + gradient, float64, {args.repeat} paired runs of {args.number} calls")
    print(f"{platform.python_implementation()} {platform.python_version()}, {versions}")
    print(f"NumPy BLAS: {blas_description()}")
    header = (
        f"{'loss':40s} {'shape':>12s} {'lossedu ms':>11s} {'torch ms':>9s} {'ratio':>6s}"
        f" {'q1-q3':>11s}"
    )
    print(header)
    print("-" * len(header))
    with blas_one_thread():
        for case in cases:
            if torch is not None:
                check_agreement(case, torch)
            funcs = [lossedu_call(case)] + ([torch_call(case, torch)] if torch else [])
            runs = paired_times(funcs, args.repeat, args.number)
            times = runs.min(axis=0) * 1e3  # the best run of each, in ms
            ours = times[0]
            if torch is None:
                theirs, ratio, spread = "-", "-", "-"
            else:  # the median over runs of the paired ratio: robust to a busy machine
                per_run = runs[:, 0] / runs[:, 1]
                q1, median, q3 = np.percentile(per_run, [25, 50, 75])
                theirs, ratio = f"{times[1]:9.2f}", f"{median:6.2f}"
                spread = f"{q1:.2f}-{q3:.2f}"
            shape = "x".join(str(s) for s in case["shape"])
            print(
                f"{case['name']:40s} {shape:>12s} {ours:11.2f} {theirs:>9s} {ratio:>6s}"
                f" {spread:>11s}"
            )
    if torch is not None:
        print(
            "ratio = median over runs of lossedu / torch in the same run (q1-q3: their "
            f"interquartile range); goal <= {RATIO_GOAL}"
        )


if __name__ == "__main__":
    main()

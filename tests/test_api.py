"""The public API as CONTRIBUTING.md states it: names, re-exports, signatures, docstrings,
and the package's layout (one home per concept, no private name across a module border)."""

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import lossedu
from lossedu import gradcheck, losses, metrics, optim, regularization
from lossedu.losses import activations, adaptive, classification, likelihood, regression

PACKAGE = Path(lossedu.__file__).parent
#: Private modules that several public modules share; every other private module is a helper
#: of the one subpackage it lives in.
SHARED_PRIVATE = {"lossedu._validation", "lossedu._plot_style"}


def public_modules(package=lossedu) -> list[str]:
    """Every public module and subpackage of lossedu, at any depth."""
    names = []
    for info in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + "."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return sorted(names)


LOSS_NAMES = [
    "mse",
    "mae",
    "huber",
    "log_cosh",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "categorical_cross_entropy",
    "categorical_cross_entropy_with_logits",
    "hinge",
    "focal",
    "barron",
    "quantile",
    "gaussian_nll",
    "poisson_nll",
]
#: Keywords a gradient may add to its loss's signature: gaussian_nll has two predicted
#: arguments, and its gradient says which one it differentiates.
GRADIENT_ONLY = {"gaussian_nll": ("wrt",)}
#: The names a loss or metric may give its second argument: what the argument holds.
SECOND_ARGUMENTS = ("y_pred", "probs", "logits", "scores", "mean", "log_rate")
#: Metrics that take a sample of values, or a metric, first: they are not about y_true.
NOT_Y_TRUE_FIRST = {"standard_error", "bootstrap_interval"}
LOSS_MODULES = [losses, regression, classification, adaptive, likelihood, activations]
NUMERIC_MODULES = [*LOSS_MODULES, metrics, regularization, optim, gradcheck]


def public_callables(module):
    """The names of ``__all__``, else the public functions and classes defined in the module."""
    explicit = getattr(module, "__all__", None)
    names = explicit or [n for n in dir(module) if not n.startswith("_")]
    for name in names:
        obj = getattr(module, name)
        if not callable(obj) or not getattr(obj, "__module__", "").startswith("lossedu"):
            continue
        if explicit or obj.__module__ == module.__name__:
            yield name, obj


def test_package_re_exports_every_module():
    for name in ("losses", "metrics", "regularization", "optim", "gradcheck", "datasets",
                 "models", "plotting", "widgets", "exercises"):  # fmt: skip
        assert getattr(lossedu, name).__name__ == f"lossedu.{name}"
    assert isinstance(lossedu.__version__, str)


def test_every_public_module_is_reachable_from_import_lossedu():
    top = sorted({name.split(".")[1] for name in public_modules()})
    assert {"adaptive", "environments", "landscapes", "model_selection", "multitask", "rl",
            "training"} <= set(top)  # fmt: skip
    assert set(top) <= set(lossedu.__all__)
    for name in public_modules():
        obj = lossedu
        for part in name.split(".")[1:]:
            obj = getattr(obj, part)
        assert obj.__name__ == name


#: Packages whose modules are not parts of its API: the exercises' and quizzes' chapter modules
#: register their data with the package, which exposes check, hint, show and get instead.
NOT_RE_EXPORTING = {"lossedu.exercises", "lossedu.quizzes"}
SUBPACKAGES = [
    name
    for name in public_modules()
    if hasattr(importlib.import_module(name), "__path__") and name not in NOT_RE_EXPORTING
]


def test_the_subpackages_are_the_ones_split_by_concept():
    split = {"lossedu.losses", "lossedu.metrics", "lossedu.adaptive", "lossedu.rl"}
    assert split | {"lossedu.plotting"} <= set(SUBPACKAGES)


@pytest.mark.parametrize("package", SUBPACKAGES)
def test_a_subpackage_re_exports_every_name_of_its_modules(package):
    """``losses.mse`` works wherever mse lives: the package is the import path."""
    pkg = importlib.import_module(package)
    for name in public_modules(pkg):
        module = importlib.import_module(name)
        for attr in module.__all__:
            assert getattr(pkg, attr) is getattr(module, attr), f"{package}.{attr}"
            assert attr in pkg.__all__, f"{package}.__all__ lacks {attr}"


def _imports(path: Path):
    """(module imported from, names) for each import statement of a source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []


def test_no_private_name_crosses_a_module_border():
    """A private module or name is used only inside its own subpackage, or is a shared helper."""
    crossings = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package = ".".join(parts[:-1])  # the subpackage the file belongs to
        for source, names in _imports(path):
            if not source.startswith("lossedu"):
                continue
            targets = [source] + [f"{source}.{n}" for n in names if n.startswith("_")]
            for target in targets:
                private = [p for p in target.split(".") if p.startswith("_")]
                if not private or target in SHARED_PRIVATE:
                    continue
                home = target.rsplit(".", 1)[0] if target.split(".")[-1] in private else target
                if not (module == home or module.startswith(home + ".") or package == home):
                    crossings.append(f"{module} imports {target}")
    assert crossings == []


@pytest.mark.parametrize("name", LOSS_NAMES)
def test_every_loss_of_the_design_exists_with_its_gradient(name):
    loss, grad = getattr(losses, name), getattr(losses, f"{name}_grad")
    grad_params = dict(inspect.signature(grad).parameters)
    for extra in GRADIENT_ONLY.get(name, ()):
        assert grad_params.pop(extra).kind is inspect.Parameter.KEYWORD_ONLY
    assert dict(inspect.signature(loss).parameters) == grad_params


def test_design_names_exist():
    for name in ("sigmoid", "softmax", "log_softmax"):
        assert callable(getattr(losses, name))
    for name in ("accuracy", "precision", "recall", "f1", "confusion_matrix", "roc_curve",
                 "roc_auc", "precision_recall_curve", "average_precision", "brier_score",
                 "calibration_curve", "expected_calibration_error", "standard_error",
                 "bootstrap_interval"):  # fmt: skip
        assert callable(getattr(metrics, name))
    for name in ("l1_penalty", "l2_penalty", "elastic_net_penalty"):
        assert callable(getattr(regularization, name))
        assert callable(getattr(regularization, f"{name}_grad"))
    assert callable(optim.SGD) and callable(optim.Adam)
    assert callable(gradcheck.numerical_grad) and callable(gradcheck.check_grad)
    for name in ("check", "hint", "solution", "list"):
        assert callable(getattr(lossedu.exercises, name))


@pytest.mark.parametrize("module", [*LOSS_MODULES, metrics], ids=lambda m: m.__name__)
def test_arrays_first_options_keyword_only(module):
    """y_true first, positional; every option keyword-only."""
    for name, fn in public_callables(module):
        if inspect.isclass(fn) or name in ("sigmoid", "softmax", "log_softmax"):
            continue
        if name in NOT_Y_TRUE_FIRST:
            continue
        params = list(inspect.signature(fn).parameters.values())
        positional = [p for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
        assert [p.name for p in positional][:1] == ["y_true"], name
        assert len(positional) == 2, f"{name}: options must be keyword-only"
        assert positional[1].name in SECOND_ARGUMENTS, name


@pytest.mark.parametrize("module", NUMERIC_MODULES, ids=lambda m: m.__name__)
def test_public_docstrings_have_formula_reference_and_example(module):
    for name, obj in public_callables(module):
        doc = inspect.getdoc(obj) or ""
        for section in (".. math::", "References", ">>>"):
            assert section in doc, f"{module.__name__}.{name} lacks {section!r}"

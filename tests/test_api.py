"""The public API contract (CONTRIBUTING.md): names, re-exports, signatures and docstrings."""

import inspect

import pytest

import lossedu
from lossedu import gradcheck, losses, metrics, optim, regularization

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
]
NUMERIC_MODULES = [losses, metrics, regularization, optim, gradcheck]


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


@pytest.mark.parametrize("name", LOSS_NAMES)
def test_every_loss_of_the_design_exists_with_its_gradient(name):
    loss, grad = getattr(losses, name), getattr(losses, f"{name}_grad")
    assert inspect.signature(loss).parameters == inspect.signature(grad).parameters


def test_design_names_exist():
    for name in ("sigmoid", "softmax", "log_softmax"):
        assert callable(getattr(losses, name))
    for name in ("accuracy", "precision", "recall", "f1", "confusion_matrix"):
        assert callable(getattr(metrics, name))
    for name in ("l1_penalty", "l2_penalty", "elastic_net_penalty"):
        assert callable(getattr(regularization, name))
        assert callable(getattr(regularization, f"{name}_grad"))
    assert callable(optim.SGD) and callable(optim.Adam)
    assert callable(gradcheck.numerical_grad) and callable(gradcheck.check_grad)
    for name in ("check", "hint", "solution", "list"):
        assert callable(getattr(lossedu.exercises, name))


@pytest.mark.parametrize("module", [losses, metrics], ids=lambda m: m.__name__)
def test_arrays_first_options_keyword_only(module):
    """CONTRIBUTING.md, API rules: y_true first, positional; every option keyword-only."""
    for name, fn in public_callables(module):
        if inspect.isclass(fn) or name in ("sigmoid", "softmax", "log_softmax"):
            continue
        params = list(inspect.signature(fn).parameters.values())
        positional = [p for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
        assert [p.name for p in positional][:1] == ["y_true"], name
        assert len(positional) == 2, f"{name}: options must be keyword-only"
        assert positional[1].name in ("y_pred", "probs", "logits", "scores"), name


@pytest.mark.parametrize("module", NUMERIC_MODULES, ids=lambda m: m.__name__)
def test_public_docstrings_have_formula_reference_and_example(module):
    for name, obj in public_callables(module):
        doc = inspect.getdoc(obj) or ""
        for section in (".. math::", "References", ">>>"):
            assert section in doc, f"{module.__name__}.{name} lacks {section!r}"

"""Papers' full texts for the loopback hub, the tests and the benchmarks: a long one shaped like
the hub's Markdown (sections, inline and display math, tables, code, figures, links), and a
hostile one."""

from __future__ import annotations

ESC = "\x1b"

HOSTILE_TEXT = (
    "# Hostile \x1b[2J\x1b]0;pwned\x07title [bold red]markup[/]\n\n"
    "Authors \u202eevil\u202c and \x9b31m C1\n\n"
    "## Section one\n\n"
    "A paragraph with \x1b[31mred\x1b[0m text, a [link](javascript:alert(1)), "
    "a [file](file:///etc/passwd), a [relative](../secret) and [ok](https://example.org/ok).\n\n"
    "![a figure \x1b[5m](file:///etc/passwd)\n\n"
    "```\n\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\\n```\n\n"
    "| a \x1b[1m | b |\n|---|---|\n| [x](https://example.org) | \x07 |\n\n"
    "The end: [red]not markup[/red].\n"
)

_VOCABULARY = (
    "model training data attention layer token sequence retrieval agent reward policy gradient "
    "benchmark evaluation diffusion transformer latent sampling inference scaling dataset corpus "
    "alignment reasoning language vision encoder decoder loss optimization"
)
_WORDS = _VOCABULARY.split()


def _sentence(i: int, n: int = 18) -> str:
    words = [_WORDS[(i * 7 + k * 3) % len(_WORDS)] for k in range(n)]
    return " ".join(words).capitalize() + "."


def _paragraph(i: int) -> str:
    parts = [_sentence(i + k) for k in range(5)]
    parts[1] += f" The loss is $\\mathcal{{L}}_{i} = \\sum_{{t}} x_t^2$ for step {i}."
    parts[3] += (
        f" See [reference {i}](https://arxiv.org/abs/2401.{i % 10000:05d}) and **Table {i}**."
    )
    return " ".join(parts)


def long_text(size: int = 400_000, title: str = "A Long Paper on Scaling Agents") -> str:
    """About `size` characters of hub-like Markdown."""
    out = [
        f"# {title}\n\nAda Lovelace, Alan Turing, Grace Hopper\n\n## Abstract\n\n{_paragraph(0)}\n"
    ]
    total, i = len(out[0]), 1
    while total < size:
        if i % 12 == 1:
            block = f"## {i // 12 + 1} Section about {_WORDS[i % len(_WORDS)]}\n"
        elif i % 12 == 5:
            block = f"### {i // 12 + 1}.{i % 12} Details\n"
        elif i % 12 == 7:
            rows = "\n".join(
                f"| {_WORDS[(i + r) % len(_WORDS)]} | {r * 1.5:.1f} | {r} |" for r in range(6)
            )
            block = f"| method | score | rank |\n|---|---:|---:|\n{rows}\n"
        elif i % 12 == 9:
            block = (
                f"$$\n\\nabla_\\theta J(\\theta) = \\mathbb{{E}}[\\sum_t r_t] \\quad ({i})\n$$\n"
            )
        elif i % 12 == 10:
            block = f"![Figure {i}: results of run {i}](https://arxiv.org/html/x/fig{i}.png)\n"
        elif i % 12 == 11:
            first, second = _sentence(i, 8), _sentence(i + 1, 8)
            block = f"- first point {first}\n- second point {second}\n  - nested\n"
        elif i % 24 == 3:
            block = f"```python\ndef step_{i}(x):\n    return x * {i}\n```\n"
        else:
            block = _paragraph(i) + "\n"
        out.append("\n" + block)
        total += len(block) + 1
        i += 1
    return "".join(out)

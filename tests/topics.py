"""Synthetic papers in topics, for the "For you" ranking's quality tests and benchmark: each
topic has its own words and authors, and every paper also carries words every topic uses, as
real abstracts do."""

from __future__ import annotations

import random
from datetime import date, timedelta

from papertui.core.paper import Organization, Paper

TOPICS: dict[str, str] = {
    "proteins": "protein folding enzyme amino residue binding structure molecular docking "
    "antibody peptide conformation",
    "robotics": "robot manipulation grasping locomotion embodied sim2real controller trajectory "
    "actuator dexterous gripper quadruped",
    "speech": "speech audio acoustic phoneme speaker waveform prosody vocoder spectrogram "
    "transcription utterance voice",
    "diffusion": "diffusion denoising sampler noise schedule score image generation latent "
    "guidance classifier-free pixel",
    "agents": "agent tool planning browser environment web task trajectory workflow api "
    "multi-agent orchestration",
    "math": "theorem proof lemma olympiad arithmetic geometry algebra formal lean "
    "verification problem solver",
}
# Words any abstract may use, whatever its topic.
_COMMON_TEXT = (
    "model models training learning neural network large scale benchmark evaluation results "
    "performance data dataset transformer accuracy baseline framework efficient robust"
)
COMMON = _COMMON_TEXT.split()


def topical_papers(per_topic: int, seed: int = 7, start: date = date(2026, 10, 30)) -> list[Paper]:
    """`per_topic` papers in each topic, taking turns (`topic_of`; nothing in a paper's text
    names its topic), a day apart back from `start`, with upvotes at random."""
    rng = random.Random(seed)
    papers = []
    names = list(TOPICS)
    for i in range(per_topic * len(names)):
        topic = names[i % len(names)]
        words = TOPICS[topic].split()
        title = " ".join(rng.sample(words, 3) + rng.sample(COMMON, 2)).capitalize()
        abstract = " ".join(rng.choice(words if rng.random() < 0.4 else COMMON) for _ in range(80))
        team = [f"{topic.title()} Author {k}" for k in range(8)]
        papers.append(
            Paper(
                id=f"2610.{10000 + i:05d}",
                title=title,
                summary=abstract,
                authors=tuple(rng.sample(team, 3)),
                submitted=start - timedelta(days=i % 60),
                upvotes=rng.randint(0, 300),
                organization=Organization(topic, topic.title()),
                ai_keywords=tuple(rng.sample(words, 2)),
            )
        )
    return papers


def topic_of(paper: Paper) -> str:
    """The topic a synthetic paper was made in (from its number: they take turns)."""
    names = list(TOPICS)
    return names[(int(paper.id.split(".")[1]) - 10000) % len(names)]

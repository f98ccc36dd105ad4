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


def _paper(pid: str, title: str, summary: str, keywords: tuple[str, ...] = ()) -> Paper:
    return Paper(id=pid, title=title, summary=summary, authors=(f"Author of {pid}",),
                 ai_keywords=keywords, submitted=date(2026, 5, 8), upvotes=3)  # fmt: skip


# Four real-world protein papers (abridged abstracts), as a user's bookmarks: against a day of
# NLP papers they share only words every abstract uses (scale, key, setting, learning).
PROTEIN_BOOKMARKS = [
    _paper(
        "2405.00001",
        "Accurate structure prediction of biomolecular interactions with AlphaFold 3",
        "The introduction of AlphaFold 2 has spurred a revolution in modelling the structure of "
        "proteins and their interactions, enabling a huge range of applications in protein "
        "modelling and design. Here we describe our AlphaFold 3 model with a substantially "
        "updated diffusion-based architecture that is capable of predicting the joint structure "
        "of complexes including proteins, nucleic acids, small molecules, ions and modified "
        "residues. It shows far greater accuracy for protein-ligand interactions compared with "
        "state-of-the-art docking tools and higher antibody-antigen prediction accuracy.",
        ("protein structure prediction", "diffusion", "docking"),
    ),
    _paper(
        "2405.00002",
        "De novo design of protein structure and function with RFdiffusion",
        "There has been considerable recent progress in designing new proteins using deep-"
        "learning methods. Diffusion models have had considerable success in image and language "
        "generative modelling but limited success when applied to protein modelling, probably "
        "due to the complexity of protein backbone geometry and sequence-structure "
        "relationships. By fine-tuning the RoseTTAFold structure prediction network on protein "
        "structure denoising tasks, we obtain a generative model of protein backbones for "
        "binder design, symmetric oligomer design and enzyme active site scaffolding.",
        ("protein design", "diffusion", "enzyme"),
    ),
    _paper(
        "2405.00003",
        "Evolutionary-scale prediction of atomic-level protein structure with a language model",
        "Recent advances in machine learning have leveraged evolutionary information in multiple "
        "sequence alignments to predict protein structure. We demonstrate direct inference of "
        "full atomic-level protein structure from primary sequence using a large language "
        "model. As language models of protein sequences are scaled up to 15 billion parameters, "
        "an atomic-resolution picture of protein structure emerges, which enables large-scale "
        "structural characterization of metagenomic proteins.",
        ("protein language model", "structure prediction"),
    ),
    _paper(
        "2405.00004",
        "Enzyme function prediction with contrastive learning on sequences",
        "Enzyme function annotation is a key challenge in the post-genomic era. We present a "
        "contrastive learning framework that maps amino acid sequences into an embedding space "
        "where enzymes with the same Enzyme Commission number lie close together. In this "
        "setting, our approach predicts enzyme function for understudied sequences more "
        "accurately than alignment-based tools. Experimental validation on halogenase enzymes "
        "confirms predictions at scale, and docking analyses explain substrate specificity.",
        ("enzyme", "contrastive learning", "amino acid"),
    ),
]
# Three other protein papers: close to those bookmarks, whatever day they come on.
PROTEIN_PAPERS = [
    _paper(
        "2605.90001",
        "Robust deep learning based protein sequence design using ProteinMPNN",
        "Although deep learning has revolutionized protein structure prediction, almost all "
        "experimentally characterized de novo protein designs have been generated using "
        "physically based approaches such as Rosetta. Here we describe a deep learning based "
        "protein sequence design method, ProteinMPNN, with outstanding performance in both in "
        "silico and experimental tests. The amino acid sequence at different positions can be "
        "coupled between single or multiple chains.",
    ),
    _paper(
        "2605.90002",
        "Boltz-1: Democratizing Biomolecular Interaction Modeling",
        "Understanding biomolecular interactions is fundamental to advancing fields like drug "
        "discovery and protein design. We introduce Boltz-1, an open-source deep learning model "
        "achieving AlphaFold3-level accuracy in predicting the 3D structures of biomolecular "
        "complexes.",
    ),
    _paper(
        "2605.90003",
        "Learning to dock: ligand binding pose prediction with equivariant graph networks",
        "Predicting the binding pose of a small molecule to a protein target is a central step "
        "in drug discovery. Docking programs search poses with scoring functions that are slow "
        "and inaccurate. We frame docking as a generative problem and train an equivariant "
        "diffusion model over ligand poses conditioned on the protein pocket, generalizing to "
        "unseen enzymes.",
    ),
]

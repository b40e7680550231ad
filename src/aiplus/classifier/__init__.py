"""Per-workflow document classifiers trained on reviewed labels, bilingual segmentation."""

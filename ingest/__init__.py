"""Read → extract → resolve: documents in, an `Extraction` per document out.

Modules, in data-flow order: `readers` (files to text), `extract` (mentions and
relation candidates, from `patterns/en.py` / `patterns/fr.py` and `tables`),
`resolve` (mentions to stable entity ids), `pipeline` (the loop that feeds a store).
"""

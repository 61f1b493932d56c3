"""Words and error messages per language: English and Japanese catalogues. Imports nothing else."""

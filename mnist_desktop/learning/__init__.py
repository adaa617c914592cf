"""Everything that trains: MNIST, synthetic digits, the one loop. Imports torch; no Qt."""

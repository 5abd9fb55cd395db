//! Message catalog for input errors and the command line, in Chinese and English.

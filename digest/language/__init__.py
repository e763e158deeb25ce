"""Arabic knowledge with no Article: normalisation, dates, sentences and text helpers, escaping."""

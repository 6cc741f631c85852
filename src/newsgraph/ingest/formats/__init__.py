"""One module per input format; each turns a byte stream into ``RawRecord`` s and ``Failure`` s."""

"""A hostile corpus built at test time: bad inputs that must fail alone and odd ones that must be analysed."""

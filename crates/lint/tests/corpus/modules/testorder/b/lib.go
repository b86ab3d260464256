package b

// Name is the package's name.
func Name() string { return "b" }

// A file of the command without timers: not parsed, yet of package main like main.go, so judged
// under main.go's asynctimerchan=1 too.
package main

var verbose = false

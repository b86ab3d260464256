package broken

// No timer here, and not valid Go.
func h( {
}

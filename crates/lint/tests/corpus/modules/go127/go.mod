// oracle/RELEASES.md, step 1: a go line naming a release (go 1.27.3) asks for that release;
// Go 1.27 has only the synchronous channels.
module example.com/go127

go 1.27.3

module example.com/godebug

go 1.24

godebug (
	asynctimerchan=1
)

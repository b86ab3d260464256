module example.com/svc

go 1.23

godebug asynctimerchan=2

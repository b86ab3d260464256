module example.com/svc

go 1.22

godebug asynctimerchan=1

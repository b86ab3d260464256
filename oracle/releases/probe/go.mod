module probe

go 1.16

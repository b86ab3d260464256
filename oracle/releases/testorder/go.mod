module example.com/testorder

go 1.23

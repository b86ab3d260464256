module timerlab/oracle

go 1.23

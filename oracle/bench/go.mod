module timerlab/oracle/bench

go 1.23

module golden

go 1.23

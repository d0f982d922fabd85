type = 1
type X = int
type Y[] = int

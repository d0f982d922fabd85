x: (y := int) = 1
(z.w := 2)

import a.y.z from b.y.z

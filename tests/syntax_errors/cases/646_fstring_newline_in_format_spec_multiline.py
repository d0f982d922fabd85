x = f"{value:
    {'.2f'}f}"

from t import x,

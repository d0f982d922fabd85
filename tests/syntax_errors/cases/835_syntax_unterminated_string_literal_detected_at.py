"blech\"

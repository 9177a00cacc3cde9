return "helper inside"

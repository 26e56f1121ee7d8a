"""Operations tooling: the soak test (`make soak`) and the relay it cuts services with."""

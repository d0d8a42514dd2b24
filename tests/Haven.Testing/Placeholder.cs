namespace Haven.Testing;

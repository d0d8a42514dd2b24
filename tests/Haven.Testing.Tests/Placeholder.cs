namespace Haven.Testing.Tests;

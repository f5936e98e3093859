"""What differs between the models and library.db: Alembic's autogenerate comparison, without
writing a file (the `alembic check` of later Alembic releases; 1.8 has no such command)."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from project import Base, engine

with engine.connect() as connection:
    differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
for difference in differences:
    print(difference)
if not differences:
    print("The models and library.db agree.")

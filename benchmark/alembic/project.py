"""The Alembic lesson's project.py, as the benchmark runs it: the models, and create_all().

The same two tables as steps/models/Models.java. The benchmark deletes the leading "# " of
the genre line, as a learner does in the lesson, between the two compare.py runs.
"""
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()


class Author(Base):
    __tablename__ = "authors"
    id = Column(Integer, primary_key=True)
    name = Column(String(100), nullable=False)


class Book(Base):
    __tablename__ = "books"
    id = Column(Integer, primary_key=True)
    title = Column(String(200), nullable=False)
    author_id = Column(Integer, ForeignKey("authors.id", name="fk_books_author_id"))
    # genre = Column(String(50))


engine = create_engine("sqlite:///library.db")

SAMPLE_BOOKS = [
    ("The Pragmatic Programmer", "David Thomas"),
    ("Clean Code", "Robert C. Martin"),
    ("Fluent Python", "Luciano Ramalho"),
]

if __name__ == "__main__":
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        if session.query(Book).count() == 0:
            for number, (title, name) in enumerate(SAMPLE_BOOKS, start=1):
                session.add(Author(id=number, name=name))
                session.add(Book(id=number, title=title, author_id=number))
            session.commit()
        print("Books in database:")
        for book in session.query(Book).order_by(Book.id):
            print(f"  {book.id} | {book.title:<28} | {session.get(Author, book.author_id).name}")

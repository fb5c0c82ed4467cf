DROP TABLE documents;
DROP TABLE blob_parts;
DROP TABLE blobs;

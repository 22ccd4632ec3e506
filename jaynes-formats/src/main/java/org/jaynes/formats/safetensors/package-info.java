/**
 * The Hugging Face safetensors format: {@link org.jaynes.formats.safetensors.SafetensorsReader} reads
 * single files, sharded models and folders; {@link org.jaynes.formats.safetensors.SafetensorsWriter}
 * writes files the reference library writes alike.
 */
package org.jaynes.formats.safetensors;
